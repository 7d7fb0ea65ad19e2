package io.kefu.lifecycle.policy;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.ResourceReport;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

/**
 * Validates a BPMN model before it is deployed, for the process designer
 * ({@code POST /api/processes/validate}): the deployment policy first (what a designer uploads is
 * never run as code, and never compiled either: a model the policy refuses goes no further), then
 * the engine's own parser, then structural rules named as bpmnlint names them. Each problem says
 * which element, which rule and what is wrong; nothing is deployed or stored.
 */
@Service
public class ProcessValidation {

    /** One thing wrong with a model: {@code elementId} is null when the problem is the whole file's. */
    public record ProcessProblem(String elementId, String rule, String message) {
    }

    /** The rule of the problem a model larger than the deployment limit has (answered 413). */
    static final String SIZE = "size";

    private final DeploymentPolicyPlugin plugin;
    private final ProcessEngine engine;
    private final DeploymentPolicyProperties properties;

    ProcessValidation(DeploymentPolicyPlugin plugin, ProcessEngine engine, DeploymentPolicyProperties properties) {
        this.plugin = plugin;
        this.engine = engine;
        this.properties = properties;
    }

    /**
     * The answer of every route that validates a model: 200 <code>{valid: true}</code>, 413 for a
     * model over the size limit, else 422 <code>{valid: false, problems}</code>.
     */
    static ResponseEntity<Map<String, Object>> answer(List<ProcessProblem> problems) {
        if (problems.isEmpty()) {
            return ResponseEntity.ok(Map.of("valid", true));
        }
        HttpStatus status = problems.stream().anyMatch(p -> SIZE.equals(p.rule())) ? HttpStatus.PAYLOAD_TOO_LARGE
                : HttpStatus.UNPROCESSABLE_ENTITY;
        return ResponseEntity.status(status).body(Map.of("valid", false, "problems", problems));
    }

    /** Every problem of {@code bpmn}; empty when it may be deployed. */
    public List<ProcessProblem> validate(byte[] bpmn) {
        if (bpmn.length > properties.deployment().maxSize().toBytes()) {
            return List.of(new ProcessProblem(null, SIZE,
                    "larger than " + properties.deployment().maxSize() + " (KEFU_DEPLOYMENT_MAX_SIZE)"));
        }
        List<ProcessProblem> problems = new ArrayList<>();
        for (PolicyViolation violation : plugin.policy().check("model.bpmn", bpmn)) {
            problems.add(new ProcessProblem(violation.elementId(), "deployment-policy", violation.rule()));
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        problems.addAll(engineParser(bpmn));
        if (problems.isEmpty()) {
            problems.addAll(structure(bpmn));
        }
        return problems;
    }

    private List<ProcessProblem> engineParser(byte[] bpmn) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        BpmnParser parser = new BpmnParser(configuration.getExpressionManager(), configuration.getBpmnParseFactory());
        List<ProcessProblem> problems = new ArrayList<>();
        try {
            configuration.getCommandExecutorTxRequired().execute(context -> {
                DeploymentEntity deployment = new DeploymentEntity();
                deployment.setNew(true);
                parser.createParse().sourceInputStream(new ByteArrayInputStream(bpmn)).deployment(deployment)
                        .name("model.bpmn").execute();
                return null;
            });
        } catch (ParseException refused) {
            for (ResourceReport report : refused.getResorceReports()) {
                for (Problem error : report.getErrors()) {
                    problems.add(new ProcessProblem(error.getMainElementId(), "engine-parser",
                            error.getMessage() + (error.getLine() > 0 ? " (line " + error.getLine() + ")" : "")));
                }
            }
            if (problems.isEmpty()) {
                problems.add(new ProcessProblem(null, "engine-parser", refused.getMessage()));
            }
        } catch (RuntimeException unreadable) {
            problems.add(new ProcessProblem(null, "engine-parser", String.valueOf(unreadable.getMessage())));
        }
        return problems;
    }

    /** bpmnlint's start-event-required, end-event-required and no-disconnected, on every process and sub-process. */
    private static List<ProcessProblem> structure(byte[] bpmn) {
        BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(bpmn));
        List<ProcessProblem> problems = new ArrayList<>();
        Set<ModelElementInstance> scopes = new LinkedHashSet<>(model.getModelElementsByType(Process.class));
        scopes.addAll(model.getModelElementsByType(SubProcess.class));
        for (ModelElementInstance scope : scopes) {
            String id = scope.getAttributeValue("id");
            boolean eventSubProcess = scope instanceof SubProcess sub && sub.triggeredByEvent();
            Collection<StartEvent> starts = children(scope, StartEvent.class);
            if (starts.isEmpty()) {
                problems.add(new ProcessProblem(id, "start-event-required", "has no start event"));
            }
            if (!eventSubProcess && children(scope, EndEvent.class).isEmpty()) {
                problems.add(new ProcessProblem(id, "end-event-required", "has no end event"));
            }
            for (FlowNode node : children(scope, FlowNode.class)) {
                boolean in = !node.getIncoming().isEmpty() || node instanceof StartEvent || node instanceof BoundaryEvent
                        || (node instanceof SubProcess sub && sub.triggeredByEvent());
                boolean out = !node.getOutgoing().isEmpty() || node instanceof EndEvent
                        || (node instanceof SubProcess sub && sub.triggeredByEvent());
                if (!in && !out) {
                    problems.add(new ProcessProblem(node.getId(), "no-disconnected", "is not connected to the flow"));
                }
            }
        }
        return problems;
    }

    private static <T extends ModelElementInstance> List<T> children(ModelElementInstance scope, Class<T> type) {
        List<T> found = new ArrayList<>();
        for (ModelElementInstance child : scope.getChildElementsByType(org.camunda.bpm.model.bpmn.instance.FlowElement.class)) {
            if (type.isInstance(child)) {
                found.add(type.cast(child));
            }
        }
        return found;
    }

}
