package io.kefu.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON string that is well-formed but holds a character Kefu refuses to store: NUL, or half of
 * a UTF-16 surrogate pair ({@code "\ud800"} alone), which no database column and no UTF-8 output
 * can represent faithfully.
 */
final class UnsafeTextException extends MismatchedInputException {

    private final String reason;

    UnsafeTextException(JsonParser parser, String reason) {
        super(parser, "String " + reason, String.class);
        this.reason = reason;
    }

    /** What is wrong, e.g. "contains a NUL character". */
    String reason() {
        return reason;
    }
}
