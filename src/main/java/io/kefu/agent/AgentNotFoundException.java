package io.kefu.agent;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No Camunda user with this id (404). */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class AgentNotFoundException extends RuntimeException {

    public AgentNotFoundException(String userId) {
        super("No user '" + userId + "'");
    }
}
