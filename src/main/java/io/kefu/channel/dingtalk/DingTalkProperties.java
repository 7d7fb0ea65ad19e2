package io.kefu.channel.dingtalk;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The DingTalk (钉钉) application's settings ({@code kefu.dingtalk.*}): its robot (messages signed
 * with the AppSecret, replies through the session webhook or the robot API) and, optionally, its
 * encrypted event subscription (token and AES key, the AppKey as receiver id). The channel is off
 * (its callback answers 404, nothing is sent) unless at least one of the two is configured.
 *
 * @param appKey             the application's AppKey (ClientID): fetches access tokens, is the
 *                           robot's code unless {@code robotCode} is set, and the receiver id of
 *                           encrypted events
 * @param appSecret          the AppSecret (ClientSecret): checks each robot message's {@code sign},
 *                           fetches access tokens; never logged
 * @param token              the event subscription's token (signs encrypted events)
 * @param aesKey             the event subscription's 43-character aes_key
 * @param robotCode          the robot's code when it differs from the AppKey; a message naming
 *                           another robot is refused
 * @param apiBase            the new API ({@code https://api.dingtalk.com}): access token, robot API
 * @param oapiBase           the old API host session webhooks live on ({@code https://oapi.dingtalk.com});
 *                           a {@code sessionWebhook} elsewhere is never called
 * @param maxClockSkew       how far a callback's timestamp may be from this node's clock (DingTalk
 *                           documents one hour for robot messages)
 * @param callbacksPerSecond callbacks one node accepts per second (all senders together)
 * @param sendPollInterval   how often due replies are sent
 * @param maxAttempts        attempts before a reply part is given up as FAILED (kept, with its error)
 * @param maxMessageBytes    longest text one message carries; longer replies are sent in parts
 */
@ConfigurationProperties("kefu.dingtalk")
public record DingTalkProperties(String appKey, String appSecret, String token, String aesKey, String robotCode,
        String apiBase, String oapiBase, Duration maxClockSkew, int callbacksPerSecond, Duration sendPollInterval,
        int maxAttempts, int maxMessageBytes) {

    public DingTalkProperties {
        apiBase = base(apiBase, "https://api.dingtalk.com");
        oapiBase = base(oapiBase, "https://oapi.dingtalk.com");
        maxClockSkew = maxClockSkew == null ? Duration.ofHours(1) : maxClockSkew;
        callbacksPerSecond = callbacksPerSecond < 1 ? 200 : callbacksPerSecond;
        sendPollInterval = sendPollInterval == null ? Duration.ofSeconds(1) : sendPollInterval;
        maxAttempts = maxAttempts < 1 ? 20 : maxAttempts;
        maxMessageBytes = maxMessageBytes < 16 ? 5000 : maxMessageBytes;
    }

    /** Whether robot messages are taken (and replies sent): AppKey and AppSecret are set. */
    public boolean robotEnabled() {
        return present(appKey) && present(appSecret);
    }

    /** Whether encrypted events are taken: token, AES key and AppKey are set. */
    public boolean eventsEnabled() {
        return present(token) && present(aesKey) && present(appKey);
    }

    /** Whether the channel is configured at all. */
    public boolean enabled() {
        return robotEnabled() || eventsEnabled();
    }

    /** The robot's code: {@code robotCode}, else the AppKey. */
    String robot() {
        return present(robotCode) ? robotCode : appKey;
    }

    /** Whether DingTalk's {@code sessionWebhook} is one Kefu may call: on the configured oapi host. */
    boolean trustedWebhook(String url) {
        return url != null && url.startsWith(oapiBase + "/robot/") && url.length() <= 1000 && !url.contains("@")
                && !url.contains("..");
    }

    private static String base(String value, String fallback) {
        String base = value == null || value.isBlank() ? fallback : value.strip();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        // Never the secret, token or key: this may end up in a log line.
        return "DingTalkProperties[appKey=" + appKey + ", apiBase=" + apiBase + ", oapiBase=" + oapiBase
                + ", robot=" + robotEnabled() + ", events=" + eventsEnabled() + "]";
    }
}
