package io.kefu.config;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The strict reading of JSON bodies ({@link StrictJsonReader}) for readers outside Spring MVC,
 * such as the web chat's STOMP frames: unknown or duplicate fields, trailing content, scalar
 * coercion and NUL characters or lone surrogates are refused.
 */
public final class StrictJson {

    private StrictJson() {
    }

    /** A strict copy of the application's mapper (which stays untouched). */
    public static ObjectMapper copyOf(ObjectMapper applicationMapper) {
        return StrictJsonReader.strict(applicationMapper.copy());
    }
}
