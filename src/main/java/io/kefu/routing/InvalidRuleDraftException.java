package io.kefu.routing;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A rule designer's draft with a file name outside {@code rules/}, too many files or too large a file: 400. */
@ResponseStatus(HttpStatus.BAD_REQUEST)
public class InvalidRuleDraftException extends RuntimeException {

    public InvalidRuleDraftException(String message) {
        super(message);
    }
}
