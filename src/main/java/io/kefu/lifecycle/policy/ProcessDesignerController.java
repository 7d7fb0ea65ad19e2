package io.kefu.lifecycle.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

import io.kefu.config.KefuHome;

/**
 * The process designer ({@code /designer}, designers and admins): the process definitions with
 * their versions and running instances; one opened in the in-browser modeler (bpmn-js, served by
 * Kefu from {@code web/static/vendor/bpmn}) with the running instances counted on each activity;
 * a model validated as {@code POST /api/processes/validate} does it, and deployed as a new version
 * through the deployment policy, optionally written back into {@code processes/}.
 */
@Controller
class ProcessDesignerController {

    /** How many running instances are counted per activity at most. */
    static final int COUNTED_INSTANCES = 500;

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final ProcessValidation validation;
    private final KefuHome home;

    ProcessDesignerController(RepositoryService repository, RuntimeService runtime, ProcessValidation validation, KefuHome home) {
        this.repository = repository;
        this.runtime = runtime;
        this.validation = validation;
        this.home = home;
    }

    /** One version of a process, for the list. */
    record Version(String id, String key, String name, int version, String resourceName, java.util.Date deployedAt,
            long running) {
    }

    /** What the modeler deploys: the model and whether to write it back into {@code processes/}. */
    record Draft(String xml, boolean writeBack) {
    }

    /** A deployed version. */
    record Deployed(String processDefinitionId, String key, int version, boolean writtenBack) {
    }

    @GetMapping("/designer")
    String list(Model model) {
        Map<String, List<Version>> byKey = new TreeMap<>();
        for (ProcessDefinition definition : repository.createProcessDefinitionQuery().orderByProcessDefinitionKey().asc()
                .orderByProcessDefinitionVersion().desc().list()) {
            Deployment deployment = repository.createDeploymentQuery().deploymentId(definition.getDeploymentId()).singleResult();
            long running = runtime.createProcessInstanceQuery().processDefinitionId(definition.getId()).count();
            byKey.computeIfAbsent(definition.getKey(), k -> new ArrayList<>()).add(new Version(definition.getId(),
                    definition.getKey(), definition.getName(), definition.getVersion(), definition.getResourceName(),
                    deployment == null ? null : deployment.getDeploymentTime(), running));
        }
        model.addAttribute("processes", byKey);
        return "designer/processes";
    }

    @GetMapping("/designer/processes/{id}")
    String modeler(@PathVariable String id, Model model) {
        ProcessDefinition definition = definition(id);
        model.addAttribute("definition", definition);
        ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(definition.getKey())
                .latestVersion().singleResult();
        model.addAttribute("latest", latest.getVersion());
        model.addAttribute("latestId", latest.getId());
        model.addAttribute("running", runtime.createProcessInstanceQuery().processDefinitionId(definition.getId()).count());
        return "designer/modeler";
    }

    @GetMapping(path = "/designer/processes/{id}/xml", produces = "text/xml")
    @ResponseBody
    String xml(@PathVariable String id) throws IOException {
        ProcessDefinition definition = definition(id);
        try (InputStream in = repository.getProcessModel(definition.getId())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Running instances per activity they wait in (the first {@value #COUNTED_INSTANCES} instances). */
    @GetMapping(path = "/designer/processes/{id}/activity-counts", produces = "application/json")
    @ResponseBody
    Map<String, Long> activityCounts(@PathVariable String id) {
        ProcessDefinition definition = definition(id);
        Map<String, Long> counts = new TreeMap<>();
        for (ProcessInstance instance : runtime.createProcessInstanceQuery().processDefinitionId(definition.getId())
                .listPage(0, COUNTED_INSTANCES)) {
            ActivityInstance tree = runtime.getActivityInstance(instance.getId());
            if (tree != null) {
                count(tree, counts);
            }
        }
        return counts;
    }

    private static void count(ActivityInstance instance, Map<String, Long> counts) {
        if (instance.getChildActivityInstances().length == 0 && instance.getChildTransitionInstances().length == 0
                && !"processDefinition".equals(instance.getActivityType())) {
            counts.merge(instance.getActivityId(), 1L, Long::sum);
        }
        for (ActivityInstance child : instance.getChildActivityInstances()) {
            count(child, counts);
        }
        for (var transition : instance.getChildTransitionInstances()) {
            counts.merge(transition.getActivityId(), 1L, Long::sum);
        }
    }

    /** The same check as {@code POST /api/processes/validate}, on the page's session. */
    @PostMapping(path = "/designer/processes/validate", produces = "application/json")
    @ResponseBody
    ResponseEntity<Map<String, Object>> validate(@RequestBody byte[] bpmn) {
        List<ProcessValidation.ProcessProblem> problems = validation.validate(bpmn);
        if (problems.isEmpty()) {
            return ResponseEntity.ok(Map.of("valid", true));
        }
        return ResponseEntity.unprocessableEntity().body(Map.of("valid", false, "problems", problems));
    }

    /**
     * Deploys the modeler's model as the next version of this process, after the same validation
     * (422 with its problems, nothing deployed); with {@code writeBack}, also into its file in
     * {@code processes/} (409 when that folder is not on disk), so the next start deploys it too.
     */
    @PostMapping(path = "/designer/processes/{id}/deploy", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = "application/json")
    @ResponseBody
    ResponseEntity<?> deploy(@PathVariable String id, @RequestBody Draft draft, Principal caller) throws IOException {
        ProcessDefinition definition = definition(id);
        if (draft.xml() == null || draft.xml().isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "xml: the model is missing");
        }
        byte[] bpmn = draft.xml().getBytes(StandardCharsets.UTF_8);
        List<ProcessValidation.ProcessProblem> problems = validation.validate(bpmn);
        if (!problems.isEmpty()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("valid", false);
            body.put("problems", problems);
            return ResponseEntity.unprocessableEntity().body(body);
        }
        String resource = Path.of(definition.getResourceName()).getFileName().toString();
        if (draft.writeBack() && !home.onDisk("processes")) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "processes/ is not a folder on disk here (KEFU_HOME)");
        }
        var deployment = repository.createDeployment().name("kefu-designer-" + definition.getKey()).source("designer:" + caller.getName())
                .addString(resource, draft.xml()).deployWithResult();
        ProcessDefinition deployed = deployment.getDeployedProcessDefinitions().stream()
                .filter(d -> d.getKey().equals(definition.getKey())).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY,
                        "the model does not define process '" + definition.getKey() + "'"));
        if (draft.writeBack()) {
            Path folder = home.folder("processes");
            Path target = folder.resolve(resource).normalize();
            if (!target.startsWith(folder)) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "resource outside processes/");
            }
            Path temporary = Files.createTempFile(folder, ".designer-", ".tmp");
            try {
                Files.writeString(temporary, draft.xml(), StandardCharsets.UTF_8);
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
        return ResponseEntity.ok(new Deployed(deployed.getId(), deployed.getKey(), deployed.getVersion(), draft.writeBack()));
    }

    private ProcessDefinition definition(String id) {
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionId(id).singleResult();
        if (definition == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no process definition " + id);
        }
        return definition;
    }
}
