package io.kefu.mail;

/** The bytes are not an e-mail Kefu can read (no sender, broken MIME). */
public class MalformedMailException extends RuntimeException {

    MalformedMailException(String message, Throwable cause) {
        super(message, cause);
    }
}
