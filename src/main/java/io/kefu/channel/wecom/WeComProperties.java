package io.kefu.channel.wecom;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The WeCom (企业微信) application's settings ({@code kefu.wecom.*}). The channel is off (its
 * callback answers 404, nothing is sent) unless token, AES key and CorpID are set: WeCom's
 * callbacks are always encrypted.
 *
 * @param token              the Token of the application's "接收消息" settings (signs every callback)
 * @param aesKey             the EncodingAESKey of the same settings (43 characters)
 * @param corpId             the company's CorpID: the receiver id in every encrypted message, and
 *                           the {@code ToUserName} a message must be addressed to
 * @param agentId            the application's AgentId: replies are sent as it; when set, a callback
 *                           for another application is refused
 * @param secret             the application's Secret (fetches access tokens); never logged
 * @param apiBase            where the platform's API is ({@code https://qyapi.weixin.qq.com})
 * @param maxClockSkew       how far a callback's timestamp may be from this node's clock
 * @param callbacksPerSecond callbacks one node accepts per second (all senders together)
 * @param sendPollInterval   how often due replies are sent
 * @param maxAttempts        attempts before a reply part is given up as FAILED (kept, with its error)
 * @param maxMessageBytes    longest text one message may carry (WeCom: 2,048 bytes of UTF-8;
 *                           longer replies are sent in parts)
 */
@ConfigurationProperties("kefu.wecom")
public record WeComProperties(String token, String aesKey, String corpId, String agentId, String secret,
        String apiBase, Duration maxClockSkew, int callbacksPerSecond, Duration sendPollInterval, int maxAttempts,
        int maxMessageBytes) {

    public WeComProperties {
        apiBase = apiBase == null || apiBase.isBlank() ? "https://qyapi.weixin.qq.com"
                : apiBase.endsWith("/") ? apiBase.substring(0, apiBase.length() - 1) : apiBase;
        maxClockSkew = maxClockSkew == null ? Duration.ofMinutes(5) : maxClockSkew;
        callbacksPerSecond = callbacksPerSecond < 1 ? 200 : callbacksPerSecond;
        sendPollInterval = sendPollInterval == null ? Duration.ofSeconds(1) : sendPollInterval;
        maxAttempts = maxAttempts < 1 ? 20 : maxAttempts;
        maxMessageBytes = maxMessageBytes < 16 ? 2048 : maxMessageBytes;
    }

    /** Whether the channel is configured at all. */
    public boolean enabled() {
        return present(token) && present(aesKey) && present(corpId);
    }

    /** Whether a callback naming this AgentID (or none) is for this application. */
    boolean forThisAgent(String callbackAgentId) {
        return !present(agentId) || callbackAgentId == null || agentId.strip().equals(callbackAgentId.strip());
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        // Never the token, secret or key: this may end up in a log line.
        return "WeComProperties[corpId=" + corpId + ", agentId=" + agentId + ", apiBase=" + apiBase
                + ", enabled=" + enabled() + "]";
    }
}
