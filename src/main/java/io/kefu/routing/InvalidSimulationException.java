package io.kefu.routing;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A simulation request asks for something impossible (too many tickets, an empty date range). */
@ResponseStatus(HttpStatus.BAD_REQUEST)
class InvalidSimulationException extends RuntimeException {

    InvalidSimulationException(String message) {
        super(message);
    }
}
