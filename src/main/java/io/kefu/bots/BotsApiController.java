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

    @GetMapping("/api/bots")
    BotsOverview.View view() {
        return overview.view(builtIn.workerId());
    }

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
