package io.kefu.lifecycle.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
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

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final ProcessValidation validation;
    private final KefuHome home;

    ProcessDesignerController(RepositoryService repository, RuntimeService runtime, ManagementService management,
            ProcessValidation validation, KefuHome home) {
        this.repository = repository;
        this.runtime = runtime;
        this.management = management;
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
        // one query for the definitions with their running instances, one for the deployments' times
        Map<String, java.util.Date> deployedAt = new java.util.HashMap<>();
        repository.createDeploymentQuery().list().forEach(d -> deployedAt.put(d.getId(), d.getDeploymentTime()));
        Map<String, List<Version>> byKey = new TreeMap<>();
        management.createProcessDefinitionStatisticsQuery().list().stream()
                .sorted(java.util.Comparator.comparing(ProcessDefinition::getKey)
                        .thenComparing(ProcessDefinition::getVersion, java.util.Comparator.reverseOrder()))
                .forEach(definition -> byKey.computeIfAbsent(definition.getKey(), k -> new ArrayList<>()).add(new Version(
                        definition.getId(), definition.getKey(), definition.getName(), definition.getVersion(),
                        definition.getResourceName(), deployedAt.get(definition.getDeploymentId()), definition.getInstances())));
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

    /** Running instances per activity they wait in: Camunda's activity statistics, one query. */
    @GetMapping(path = "/designer/processes/{id}/activity-counts", produces = "application/json")
    @ResponseBody
    Map<String, Long> activityCounts(@PathVariable String id) {
        Map<String, Long> counts = new TreeMap<>();
        management.createActivityStatisticsQuery(definition(id).getId()).list()
                .forEach(activity -> counts.put(activity.getId(), (long) activity.getInstances()));
        return counts;
    }

    /** The same check as {@code POST /api/processes/validate}, on the page's session. */
    @PostMapping(path = "/designer/processes/validate", produces = "application/json")
    @ResponseBody
    ResponseEntity<Map<String, Object>> validate(@RequestBody byte[] bpmn) {
        return ProcessValidation.answer(validation.validate(bpmn));
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
            return ProcessValidation.answer(problems);
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
            KefuHome.replace(target, draft.xml());
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
