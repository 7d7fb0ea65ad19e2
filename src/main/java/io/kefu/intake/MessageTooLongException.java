package io.kefu.intake;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A message longer than {@code kefu.intake.max-message-length} (the API answers 413). */
@ResponseStatus(HttpStatus.PAYLOAD_TOO_LARGE)
public class MessageTooLongException extends RuntimeException {

    public MessageTooLongException(int length, int max) {
        super("Message text has " + length + " characters; at most " + max + " are accepted");
    }
}
