package io.kefu.agent;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** An agent tried to set someone else's presence (403): agents set their own, supervisors and admins anyone's. */
@ResponseStatus(HttpStatus.FORBIDDEN)
public class PresenceNotAllowedException extends RuntimeException {

    public PresenceNotAllowedException(String caller, String userId) {
        super(caller + " may set only their own presence, not " + userId + "'s");
    }
}
