package io.kefu.sync;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Signs an outgoing webhook body the way Stripe and GitHub do: {@code X-Kefu-Timestamp} carries
 * the Unix time in seconds, {@code X-Kefu-Signature} is {@code sha256=} followed by the hex
 * HMAC-SHA256 of {@code timestamp + "." + body} under the destination's shared secret (the CRM's is
 * {@code KEFU_CRM_SECRET}). Used by the webhook route as the step {@code process: ref: webhookSignature},
 * after the body is marshalled, so the signature covers exactly the bytes sent. A destination without
 * a secret gets nothing added.
 */
@Component("webhookSignature")
public class WebhookSignature implements Processor {

    /** Header with the Unix time (seconds) the signature was made at. */
    public static final String TIMESTAMP_HEADER = "X-Kefu-Timestamp";
    /** Header with {@code sha256=<hex>}. */
    public static final String SIGNATURE_HEADER = "X-Kefu-Signature";

    private final Destinations destinations;
    private final Clock clock;

    WebhookSignature(Destinations destinations, Clock clock) {
        this.destinations = destinations;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        String name = exchange.getProperty(OutboxRelay.DESTINATION_PROPERTY, String.class);
        String secret = destinations.named(name == null ? "" : name).map(OutboxDestination::secret).orElse(null);
        if (secret == null || secret.isBlank()) {
            return;
        }
        byte[] body = exchange.getIn().getBody(byte[].class);
        if (body == null) {
            body = new byte[0];
        }
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        exchange.getIn().setBody(body);
        exchange.getIn().setHeader(TIMESTAMP_HEADER, timestamp);
        exchange.getIn().setHeader(SIGNATURE_HEADER, sign(secret, timestamp, body));
    }

    /** {@code sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}. */
    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Whether {@code signature} is the right one for this timestamp and body (constant time). */
    public static boolean verify(String secret, String timestamp, byte[] body, String signature) {
        if (signature == null || timestamp == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, timestamp, body).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }
}
