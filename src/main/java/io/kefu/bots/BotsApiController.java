package io.kefu.bots;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/bots} (supervisors, designers, admins): the topics, open external tasks, workers and
 * failures of the RPA bots, and the retry of a failed task. The page {@code /bots} shows the same.
 */
@RestController
class BotsApiController {

    private final BotsOverview overview;
    private final BuiltInBots builtIn;

    BotsApiController(BotsOverview overview, BuiltInBots builtIn) {
        this.overview = overview;
        this.builtIn = builtIn;
    }

    /**
     * Shows the RPA bots' topics, open tasks, workers and failures.
     * Per topic whether a built-in bot works on it on this node and how many tasks wait, are locked or
     * failed; up to 200 open external tasks with their worker, lock, retries left and last error; the
     * workers, when each was last seen and the locks it holds now. Supervisors, designers and admins.
     */
    @GetMapping("/api/bots")
    BotsOverview.View view() {
        return overview.view(builtIn.workerId());
    }

    /**
     * Gives a failed bot task a fresh set of retries, due at once.
     * Its incident is resolved and the next fetch of any worker takes it; answers the task. 400 with
     * {@code field} {@code id} for a malformed id, 404 when there is no open external task with that id.
     * Audited as {@code bots.retry}. Supervisors, designers and admins.
     */
    @PostMapping("/api/bots/tasks/{id}/retry")
    BotsOverview.Task retry(@PathVariable String id) {
        return overview.retry(id);
    }

    @ExceptionHandler(BotsOverview.InvalidTaskId.class)
    ProblemDetail invalid(BotsOverview.InvalidTaskId e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle(HttpStatus.BAD_REQUEST.getReasonPhrase());
        problem.setProperty("field", "id");
        return problem;
    }

    @ExceptionHandler(BotsOverview.UnknownTask.class)
    ProblemDetail unknown(BotsOverview.UnknownTask e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle(HttpStatus.NOT_FOUND.getReasonPhrase());
        return problem;
    }
}
