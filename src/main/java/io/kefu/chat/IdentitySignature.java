package io.kefu.chat;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Identity verification as Intercom's and Chatwoot's widgets do it: the host site's server
 * computes {@code hex(HMAC-SHA256(key = channel secret, message = externalId))} and hands it to
 * the widget as {@code userHash}; without the secret nobody can claim to be another customer.
 */
public final class IdentitySignature {

    private IdentitySignature() {
    }

    /** The lower-case hex signature of {@code externalId} under {@code secret}. */
    public static String sign(String secret, String externalId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(externalId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code userHash} (hex, either case) signs {@code externalId}; compared in constant time. */
    static boolean verifies(String secret, String externalId, String userHash) {
        if (userHash == null || userHash.length() != 64) {
            return false;
        }
        byte[] expected = sign(secret, externalId).getBytes(StandardCharsets.US_ASCII);
        byte[] given = userHash.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }
}
