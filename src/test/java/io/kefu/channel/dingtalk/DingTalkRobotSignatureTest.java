package io.kefu.channel.dingtalk;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The robot's {@code sign} header. DingTalk's documentation gives the algorithm with sample code
 * but prints no output for it, so the expected values were computed with an independent
 * implementation: python3 {@code base64.b64encode(hmac.new(secret, ts + "\n" + secret,
 * hashlib.sha256).digest())}, and the first again with {@code openssl dgst -sha256 -hmac}.
 */
class DingTalkRobotSignatureTest {

    @Test
    void signsAsDingTalkDocumentsIt() {
        assertThat(DingTalkRobotSignature.sign("1577262236757", "this is a secret"))
                .isEqualTo("DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CA=");
        assertThat(DingTalkRobotSignature.sign("1700000000000", "gZ8vMoSg8kq3Pq0FZg6Xb0_demo-secret"))
                .isEqualTo("LPKjcDDYM0/Ca7lqFPLYwG3qvBxkcPb1GvqJ8PE/kmw=");
    }

    @Test
    void aChangedTimestampSecretOrSignFails() {
        assertThat(DingTalkRobotSignature.matches("DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CA=", "1577262236757",
                "this is a secret")).isTrue();
        assertThat(DingTalkRobotSignature.matches("DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CA=", "1577262236758",
                "this is a secret")).isFalse();
        assertThat(DingTalkRobotSignature.matches("DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CA=", "1577262236757",
                "this is a secreT")).isFalse();
        assertThat(DingTalkRobotSignature.matches("DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CB=", "1577262236757",
                "this is a secret")).isFalse();
        assertThat(DingTalkRobotSignature.matches(null, "1577262236757", "this is a secret")).isFalse();
    }
}
