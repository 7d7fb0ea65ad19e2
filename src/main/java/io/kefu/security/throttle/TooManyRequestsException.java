package io.kefu.security.throttle;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request over a rate limit, thrown inside Spring MVC: 429 problem JSON with {@code Retry-After} in seconds. */
final class TooManyRequestsException extends ErrorResponseException {

    TooManyRequestsException(long retryAfterSeconds, String detail) {
        super(HttpStatus.TOO_MANY_REQUESTS, problem(detail), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, detail);
        problem.setTitle(HttpStatus.TOO_MANY_REQUESTS.getReasonPhrase());
        return problem;
    }
}
