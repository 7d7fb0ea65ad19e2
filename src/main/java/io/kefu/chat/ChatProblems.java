package io.kefu.chat;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The visitors' HTTP calls refused for their rate: 429 problem JSON with {@code Retry-After} in
 * whole seconds, as Kefu's other throttled doors answer. Every other refusal is answered by the
 * status its exception declares.
 */
@RestControllerAdvice(assignableTypes = {ChatApiController.class, VisitorAttachmentController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class ChatProblems {

    @ExceptionHandler(ChatRateLimitedException.class)
    ResponseEntity<ProblemDetail> rateLimited(ChatRateLimitedException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (e.retryAfter().toMillis() + 999) / 1000)))
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage()));
    }
}
