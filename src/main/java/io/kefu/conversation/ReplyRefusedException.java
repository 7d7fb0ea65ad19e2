package io.kefu.conversation;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A channel refused an outbound message while it was being stored (e.g. WeChat's 48-hour reply
 * window has closed): thrown from a {@link MessageAppended} listener, it rolls the reply back, so
 * nothing is stored or sent. The API answers 409 with the message; pages show the translated text
 * of {@link #messageKey()}.
 */
@ResponseStatus(HttpStatus.CONFLICT)
public class ReplyRefusedException extends RuntimeException {

    private final String messageKey;

    public ReplyRefusedException(String messageKey, String message) {
        super(message);
        this.messageKey = messageKey;
    }

    /** The {@code messages*.properties} key of the sentence for the agent. */
    public String messageKey() {
        return messageKey;
    }
}
