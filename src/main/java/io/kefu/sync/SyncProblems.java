package io.kefu.sync;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * How the sync API's controllers answer what they refuse: 400 naming the field, 404 for an unknown
 * dead letter, 409 for a destination that is switched off. Ordered before
 * {@code config/FeatureProblems}, which catches every {@link RuntimeException} last.
 */
@Order(0)
@RestControllerAdvice(assignableTypes = {DeadLetterController.class, DestinationController.class})
class SyncProblems {

    @ExceptionHandler(DeadLetters.InvalidRequest.class)
    ProblemDetail invalid(DeadLetters.InvalidRequest e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request: " + e.getMessage());
        problem.setProperty("field", e.field());
        return problem;
    }

    @ExceptionHandler(DeadLetters.NotFound.class)
    ProblemDetail notFound(DeadLetters.NotFound e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(Backfill.DestinationOff.class)
    ProblemDetail off(Backfill.DestinationOff e) {
        return problem(HttpStatus.CONFLICT, e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }
}
