package io.kefu.routing;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No stored rule set has this version number. */
@ResponseStatus(HttpStatus.NOT_FOUND)
class RuleVersionNotFoundException extends RuntimeException {

    RuleVersionNotFoundException(long version) {
        super("No rule set version " + version + "; GET /api/rules/versions lists them");
    }
}
