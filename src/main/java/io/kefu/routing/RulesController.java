package io.kefu.routing;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The rules over HTTP, for designers: reload {@code rules/} (<code>200 {version}</code>, or 422 with the
 * compile error or the failing cases while the old rules stay), list the stored versions, make one
 * live again, and simulate a candidate over past tickets.
 */
@RestController
class RulesController {

    private final RuleDeployment deployment;
    private final RuleSimulation simulation;
    private final RuleDrafts drafts;

    RulesController(RuleDeployment deployment, RuleSimulation simulation, RuleDrafts drafts) {
        this.drafts = drafts;
        this.deployment = deployment;
        this.simulation = simulation;
    }

    /** The version that is live after a reload or an activation. */
    record LiveVersion(long version) {
    }

    /** What to simulate: candidate files by name in {@code rules/}, and which past tickets. */
    record SimulationRequest(Map<String, String> files, Integer tickets, Instant from, Instant to) {
    }

    /**
     * Reloads the rules folder and makes it live if every test case passes.
     * The files of {@code rules/} are compiled and every case of {@code rules/tests/} is run; answers
     * <code>{version}</code>, the same version when nothing changed. 422 with the compile error or the failing
     * cases ({@code failingCases}), and the old rules stay. Designers and admins.
     */
    @PostMapping("/api/rules/reload")
    LiveVersion reload(Principal caller) {
        return new LiveVersion(deployment.reload(caller.getName()));
    }

    /**
     * Lists the stored rule versions, newest first, marking the live one.
     * Each with its hash, files, who created and who activated it and when, the reason, and
     * {@code live}. Designers and admins.
     */
    @GetMapping("/api/rules/versions")
    List<RuleVersions.Summary> versions() {
        return deployment.versions();
    }

    /**
     * Makes a stored rule version live again, as a rollback.
     * The version passes the same checks as a reload first; answers <code>{version}</code>. 422 as for a
     * reload, the running rules staying; 404 for an unknown version. Designers and admins.
     */
    @PostMapping("/api/rules/versions/{version}/activate")
    LiveVersion activate(@PathVariable long version, Principal caller) {
        return new LiveVersion(deployment.activate(version, caller.getName()));
    }

    /**
     * Checks a draft — the live rules with {@code files} replacing or added to theirs — as a reload
     * would, without making it live: compiler errors with file and line, failing cases.
     */
    @PostMapping("/api/rules/check")
    RuleDrafts.Check check(@RequestBody RuleDesignerController.Draft draft) {
        return drafts.check(draft.files());
    }

    /**
     * Replays past tickets through candidate rules without making them live.
     * The body is <code>{files, tickets, from, to}</code>: candidate files by name in {@code rules/}, laid over
     * the live ones, and which routed tickets to replay (the last {@code tickets}, 500 by default, routed
     * from {@code from} until {@code to}). Answers how many decisions change, each change before and
     * after, and the tickets per queue before and after. 422 when the candidate breaks the rules policy
     * or does not compile, 400 on a bad count or range. Designers and admins.
     */
    @PostMapping("/api/rules/simulate")
    RuleSimulation.Result simulate(@RequestBody SimulationRequest request) {
        return simulation.simulate(request.files(), request.tickets(), request.from(), request.to());
    }

    /** 422 with the exact error and, when cases failed, each failing case. */
    @ExceptionHandler(RuleSetInvalidException.class)
    ProblemDetail refused(RuleSetInvalidException refused) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, refused.getMessage());
        problem.setTitle("Rules refused; the running rules stay");
        problem.setProperty("failingCases", refused.failingCases());
        return problem;
    }
}
