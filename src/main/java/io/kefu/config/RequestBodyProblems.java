package io.kefu.config;

import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Says what is wrong with a JSON request body that could not be read, naming the field: an unknown
 * field, a field of the wrong type ("Field 'solved' must be a boolean"), a NUL character or lone
 * surrogate in a string, or malformed JSON with its line and column. The texts name fields and
 * types, not the values sent; only a malformed body's parser message may quote a short token.
 */
final class RequestBodyProblems {

    private static final int MAX_PARSER_MESSAGE = 120;

    private RequestBodyProblems() {
    }

    static String detail(HttpMessageNotReadableException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof UnsafeTextException unsafe) {
                return "Field '" + path(unsafe) + "' " + unsafe.reason();
            }
            if (cause instanceof UnrecognizedPropertyException unknown) {
                String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream()
                        .map(Objects::toString).sorted().collect(Collectors.joining(", "));
                return "Unknown field '" + path(unknown) + "'" + (known.isEmpty() ? "" : "; known fields: " + known);
            }
            if (cause instanceof InvalidNullException missing) {
                return "Field '" + path(missing) + "' must not be null";
            }
            if (cause instanceof MismatchedInputException trailing && trailing.getPath().isEmpty()
                    && String.valueOf(trailing.getOriginalMessage()).startsWith("Trailing token")) {
                return "Malformed JSON request body" + where(trailing.getLocation())
                        + ": content after the end of the JSON value";
            }
            if (cause instanceof MismatchedInputException mismatch) {
                return mismatch.getPath().isEmpty()
                        ? "The request body must be " + expected(mismatch.getTargetType())
                        : "Field '" + path(mismatch) + "' must be " + expected(mismatch.getTargetType());
            }
            if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                return "Invalid value for field '" + path(mapping) + "'";
            }
            if (cause instanceof JsonProcessingException parse) {
                return "Malformed JSON request body" + where(parse.getLocation()) + ": " + parserMessage(parse);
            }
        }
        if (e.getCause() == null && e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
            return "Required request body is missing";
        }
        return "Malformed JSON request body";
    }

    /** The field's path in the body: {@code tags[2]}, {@code ticket.id}. */
    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean (true or false)";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == java.math.BigInteger.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "a string";
        }
        if (TemporalAccessor.class.isAssignableFrom(type)) {
            return "an ISO-8601 date-time string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || !type.isPrimitive()) {
            return "a JSON object";
        }
        return "of another type";
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Jackson's own words without the location and source excerpt, cut short. */
    private static String parserMessage(JsonProcessingException e) {
        String message = Objects.requireNonNullElse(e.getOriginalMessage(), "unreadable");
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        return message.length() > MAX_PARSER_MESSAGE ? message.substring(0, MAX_PARSER_MESSAGE) + "…" : message;
    }
}
