package io.kefu.config;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problem JSON for the features' own exceptions, without knowing any feature: an exception class
 * declares its status with {@link ResponseStatus} where the feature defines it (e.g.
 * {@code ticket.TicketNotFoundException} is 404, {@code ticket.IllegalTicketStateException} 409) and
 * its message becomes the problem's {@code detail}. A new feature adds its exception and edits
 * nothing here.
 *
 * <p>Ordered last, after {@link ApiExceptionHandler} and Spring Boot's problem-details handler, so
 * that catching {@link RuntimeException} here takes nothing from them: an exception without a
 * declared status is rethrown, which Spring documents as "continue with the remaining resolvers".
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class FeatureProblems {

    /** Also when the feature's exception arrives as the cause of another (the engine wraps what a delegate throws). */
    @ExceptionHandler(RuntimeException.class)
    ProblemDetail declared(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            ResponseStatus declared = AnnotatedElementUtils.findMergedAnnotation(cause.getClass(), ResponseStatus.class);
            if (declared != null) {
                return ApiExceptionHandler.problem(declared.code(), cause.getMessage());
            }
        }
        throw e;
    }
}
