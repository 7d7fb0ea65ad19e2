package io.kefu.intake;

/** A message longer than {@code kefu.intake.max-message-length}. */
public class MessageTooLongException extends RuntimeException {

    public MessageTooLongException(int length, int max) {
        super("Message text has " + length + " characters; at most " + max + " are accepted");
    }
}
