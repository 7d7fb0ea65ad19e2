package io.kefu.channel.wechat;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The WeChat Official Account's settings ({@code kefu.wechat.*}). The channel is off (its callback
 * answers 404, nothing is sent) unless {@code token} is set.
 *
 * @param token           the Token of the account's server settings (signs every callback)
 * @param appId           the AppID (checked in every decrypted message; fetches access tokens)
 * @param appSecret       the AppSecret (fetches access tokens); never logged
 * @param aesKey          the EncodingAESKey, for safe mode only
 * @param accountId       the account's original ID ({@code gh_…}); when set, a callback's
 *                        {@code ToUserName} must be it (a signed message to another account is refused)
 * @param apiBase         where the platform's API is ({@code https://api.weixin.qq.com})
 * @param maxClockSkew    how far a callback's timestamp may be from this node's clock
 * @param replyWindow     how long after the customer's last message a reply may be sent (48 h)
 * @param callbacksPerSecond callbacks one node accepts per second (all senders together: the
 *                        platform calls from many addresses)
 * @param sendPollInterval how often due replies are sent
 * @param maxAttempts     attempts before a reply part is given up as FAILED (kept, with its error)
 * @param maxMessageBytes longest text one customer-service message may carry (2,048 bytes of UTF-8,
 *                        the platform's limit for a text message); longer replies are sent in parts
 */
@ConfigurationProperties("kefu.wechat")
public record WeChatProperties(String token, String appId, String appSecret, String aesKey, String accountId,
        String apiBase,
        Duration maxClockSkew, Duration replyWindow, int callbacksPerSecond, Duration sendPollInterval,
        int maxAttempts, int maxMessageBytes) {

    public WeChatProperties {
        apiBase = apiBase == null || apiBase.isBlank() ? "https://api.weixin.qq.com" : stripSlash(apiBase);
        maxClockSkew = maxClockSkew == null ? Duration.ofMinutes(5) : maxClockSkew;
        replyWindow = replyWindow == null ? Duration.ofHours(48) : replyWindow;
        callbacksPerSecond = callbacksPerSecond < 1 ? 200 : callbacksPerSecond;
        sendPollInterval = sendPollInterval == null ? Duration.ofSeconds(1) : sendPollInterval;
        maxAttempts = maxAttempts < 1 ? 20 : maxAttempts;
        maxMessageBytes = maxMessageBytes < 16 ? 2048 : maxMessageBytes;
    }

    /** Whether the channel is configured at all. */
    public boolean enabled() {
        return token != null && !token.isBlank();
    }

    /** Whether a callback addressed to {@code toUserName} is for this account. */
    boolean addressedHere(String toUserName) {
        if (accountId == null || accountId.isBlank()) {
            return toUserName != null && !toUserName.isBlank();
        }
        return accountId.equals(toUserName);
    }

    /** Whether safe mode can be used (an AES key is set). */
    boolean safeMode() {
        return aesKey != null && !aesKey.isBlank();
    }

    private static String stripSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    public String toString() {
        // Never the token, secret or key: this may end up in a log line.
        return "WeChatProperties[appId=" + appId + ", apiBase=" + apiBase + ", enabled=" + enabled() + "]";
    }
}
