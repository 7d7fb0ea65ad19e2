package io.kefu.security.token;

/** A token request an admin must correct: names the field and what is wrong with it (400). */
public class InvalidTokenRequestException extends RuntimeException {

    private final String field;

    InvalidTokenRequestException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    /** The request field at fault: {@code name}, {@code scopes} or {@code expiresIn}. */
    public String field() {
        return field;
    }
}
