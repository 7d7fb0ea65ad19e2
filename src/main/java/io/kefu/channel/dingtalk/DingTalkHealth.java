package io.kefu.channel.dingtalk;

import java.io.IOException;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code dingTalk}: UP when the robot's access token is held or
 * can be fetched (DingTalk reachable, AppKey and AppSecret right), DOWN otherwise; UP with
 * {@code events only} when only the event subscription is configured (it needs no token);
 * UNKNOWN when the channel is not configured.
 */
@Component("dingTalk")
class DingTalkHealth implements HealthIndicator {

    private final DingTalkProperties settings;
    private final DingTalkApi api;

    DingTalkHealth(DingTalkProperties settings, DingTalkApi api) {
        this.settings = settings;
        this.api = api;
    }

    @Override
    public Health health() {
        if (!settings.enabled()) {
            return Health.unknown().withDetail("channel", "off (KEFU_DINGTALK_APP_KEY and KEFU_DINGTALK_APP_SECRET unset)").build();
        }
        if (!settings.robotEnabled()) {
            return Health.up().withDetail("robot", "off: events only").build();
        }
        try {
            api.accessToken();
            return Health.up().withDetail("tokenExpiresAt", String.valueOf(api.tokenExpiresAt()))
                    .withDetail("events", settings.eventsEnabled()).build();
        } catch (IOException e) {
            return Health.down().withDetail("error", e.getMessage()).build();
        }
    }
}
