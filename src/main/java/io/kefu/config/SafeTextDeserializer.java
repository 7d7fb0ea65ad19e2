package io.kefu.config;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * Reads every JSON string of an API request body as Jackson does (its coercion rules included),
 * then refuses NUL characters and lone surrogates with an {@link UnsafeTextException}, which
 * carries the field's path.
 */
final class SafeTextDeserializer extends StdScalarDeserializer<String> {

    SafeTextDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String value = StringDeserializer.instance.deserialize(parser, context);
        if (value != null) {
            String reason = problem(value);
            if (reason != null) {
                throw new UnsafeTextException(parser, reason);
            }
        }
        return value;
    }

    @Override
    public LogicalType logicalType() {
        return LogicalType.Textual;
    }

    @Override
    public Object getEmptyValue(DeserializationContext context) {
        return "";
    }

    /** Why the text cannot be stored, or null when it can. */
    static String problem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                return "contains a NUL character";
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++; // a proper pair: one character outside the BMP, e.g. an emoji
            } else if (Character.isSurrogate(c)) {
                return String.format("contains a lone surrogate (U+%04X)", (int) c);
            }
        }
        return null;
    }
}
