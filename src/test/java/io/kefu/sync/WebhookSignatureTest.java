package io.kefu.sync;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The signature scheme of docs/INTEGRATIONS.md, checked against its worked example (computed with openssl). */
class WebhookSignatureTest {

    private static final byte[] BODY = "{\"eventId\":1}".getBytes(StandardCharsets.UTF_8);
    private static final String EXAMPLE =
            "sha256=1b91ff3cfa1a14c419ecdf24394d046f8e83018bc0c6b52283ec20ed73298cf1";

    @Test
    void signsTimestampDotBodyAsTheWorkedExampleSays() {
        assertThat(WebhookSignature.sign("whsec-example", "1764662400", BODY)).isEqualTo(EXAMPLE);
    }

    @Test
    void verificationFailsForAnotherSecretTimestampOrBody() {
        assertThat(WebhookSignature.verify("whsec-example", "1764662400", BODY, EXAMPLE)).isTrue();
        assertThat(WebhookSignature.verify("whsec-other", "1764662400", BODY, EXAMPLE)).isFalse();
        assertThat(WebhookSignature.verify("whsec-example", "1764662401", BODY, EXAMPLE)).isFalse();
        assertThat(WebhookSignature.verify("whsec-example", "1764662400",
                "{\"eventId\":2}".getBytes(StandardCharsets.UTF_8), EXAMPLE)).isFalse();
        assertThat(WebhookSignature.verify("whsec-example", "1764662400", BODY, null)).isFalse();
    }
}
