package io.kefu.routing;

import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.kefu.ticket.Priority;

/**
 * The rule designer, {@code /designer/rules} (designers and admins): the live rule set's files to
 * edit in the browser, a check of the draft as one types (compiler errors with their line, every
 * test case of {@code rules/tests/}), deployment of a draft that passes (written into {@code rules/},
 * reloaded as a new version), and the versions with who made each live and when, each one a click
 * from being live again.
 */
@Controller
class RuleDesignerController {

    private final RuleDrafts drafts;
    private final RuleDeployment deployment;
    private final RuleVersions versions;
    private final RuleSimulation simulation;
    private final MessageSource messages;

    RuleDesignerController(RuleDrafts drafts, RuleDeployment deployment, RuleVersions versions, RuleSimulation simulation,
            MessageSource messages) {
        this.simulation = simulation;
        this.messages = messages;
        this.drafts = drafts;
        this.deployment = deployment;
        this.versions = versions;
    }

    /** <code>{files: {name: content}}</code>: the files a draft changes or adds. */
    record Draft(Map<String, String> files) {
    }

    /** A draft that went live. */
    record Deployed(long version) {
    }

    /** A stored version's files. */
    record VersionFiles(long version, SortedMap<String, String> files) {
    }

    @GetMapping("/designer/rules")
    String page(Model model) {
        model.addAttribute("files", drafts.live());
        model.addAttribute("liveVersion", deployment.liveVersion());
        List<RuleVersions.Summary> list = deployment.versions();
        model.addAttribute("versions", list);
        return "designer/rules";
    }

    @PostMapping(path = "/designer/rules/check", produces = "application/json")
    @ResponseBody
    RuleDrafts.Check check(@RequestBody Draft draft) {
        return drafts.check(draft.files());
    }

    /** 200 <code>{version}</code>; 422 with the check's findings when the draft does not pass (nothing written). */
    @PostMapping(path = "/designer/rules/deploy", produces = "application/json")
    @ResponseBody
    ResponseEntity<?> deploy(@RequestBody Draft draft, Principal caller) {
        RuleDrafts.Deployment deployed = drafts.deploy(draft.files(), caller.getName());
        if (deployed.version() == null) {
            return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY).body(deployed.check());
        }
        return ResponseEntity.ok(new Deployed(deployed.version()));
    }

    /** A draft to replay over past tickets: its rule files (the case tables play no part) and how many tickets. */
    record Replay(Map<String, String> files, Integer tickets) {
    }

    /** The replay's result with the display names, in the page's language, of the queues and priorities it names. */
    record ReplayAnswer(int tickets, int changed, List<RuleSimulation.Change> changes, RuleSimulation.Load load,
            Map<String, String> names) {
    }

    /**
     * The routing replay on a draft: the last routed tickets decided again by the draft's rules
     * (policy-checked, compiled in memory, never live) beside what they were routed to; 422
     * <code>{detail}</code> when the draft's rules do not compile or are refused by the policy.
     */
    @PostMapping(path = "/designer/rules/replay", produces = "application/json")
    @ResponseBody
    ResponseEntity<?> replay(@RequestBody Replay replay, Locale locale) {
        Map<String, String> ruleFiles = new TreeMap<>(replay.files() == null ? Map.of() : replay.files());
        ruleFiles.keySet().removeIf(name -> name.startsWith("tests/"));
        try {
            RuleSimulation.Result result = simulation.simulate(ruleFiles, replay.tickets(), null, null);
            Map<String, String> names = new TreeMap<>();
            Stream.concat(result.load().before().keySet().stream(), result.load().after().keySet().stream())
                    .forEach(queue -> names.put("queue." + queue, messages.getMessage("queue." + queue, null, queue, locale)));
            for (Priority priority : io.kefu.ticket.Priority.values()) {
                names.put("priority." + priority.name(), messages.getMessage("priority." + priority.name(), null, priority.name(), locale));
            }
            return ResponseEntity.ok(new ReplayAnswer(result.tickets(), result.changed(), result.changes(), result.load(), names));
        } catch (RuleSetInvalidException refused) {
            return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY).body(Map.of("detail", refused.getMessage()));
        } catch (InvalidSimulationException bad) {
            return ResponseEntity.badRequest().body(Map.of("detail", bad.getMessage()));
        }
    }

    @GetMapping(path = "/designer/rules/versions/{version}", produces = "application/json")
    @ResponseBody
    VersionFiles version(@PathVariable long version) {
        RuleVersions.Stored stored = versions.byVersion(version).orElseThrow(() -> new RuleVersionNotFoundException(version));
        return new VersionFiles(stored.version(), stored.files().contents());
    }

    /** Rollback from the page: the version goes live again after the same checks, or the page says why not. */
    @PostMapping("/designer/rules/versions/{version}/activate")
    String activate(@PathVariable long version, Principal caller, RedirectAttributes flash) {
        try {
            deployment.activate(version, caller.getName());
            flash.addFlashAttribute("notice", "rules.flash.activated");
        } catch (RuleSetInvalidException refused) {
            flash.addFlashAttribute("error", "rules.error.activate");
        }
        return "redirect:/designer/rules";
    }
}
