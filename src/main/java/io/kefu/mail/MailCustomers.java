package io.kefu.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The customer id of an e-mail address nobody has linked to a customer yet: {@code mail:} and the
 * address in lower case when that is a valid external id (at most 128 characters of
 * {@code A-Z a-z 0-9 . _ : @ + -}), otherwise {@code mail:} and the first 40 hex digits of the
 * address's SHA-256 (an address with characters external ids may not carry, or a very long one).
 * The prefix keeps e-mail customers apart from a shop's own ids: an address that happens to equal
 * some customer's external id is never taken for that customer (no link by guess).
 */
public final class MailCustomers {

    private static final Pattern EXTERNAL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@+-]{0,127}");
    static final String PREFIX = "mail:";

    private MailCustomers() {
    }

    /** The external id for a new customer writing from {@code address}. */
    public static String externalIdFor(String address) {
        String normal = address.strip().toLowerCase(Locale.ROOT);
        String plain = PREFIX + normal;
        if (EXTERNAL_ID.matcher(plain).matches()) {
            return plain;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normal.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
