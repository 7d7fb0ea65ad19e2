package io.kefu.security.audit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code cursor} of audit pages: it encodes the id of the last entry a page showed, and
 * the next page starts below it. Clients pass it back unchanged and must not build their own.
 */
final class AuditCursor {

    private static final String VERSION = "a1:";

    private AuditCursor() {
    }

    static String after(long lastId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((VERSION + lastId).getBytes(StandardCharsets.US_ASCII));
    }

    /** The id the cursor encodes, or null for no cursor. */
    static Long read(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.US_ASCII);
            if (decoded.startsWith(VERSION)) {
                long id = Long.parseLong(decoded.substring(VERSION.length()));
                if (id > 0) {
                    return id;
                }
            }
        } catch (IllegalArgumentException e) {
            // not base64, or not a number: the same answer as any other cursor we did not hand out
        }
        throw new InvalidAuditQueryException("cursor", "is not a cursor this API handed out");
    }
}
