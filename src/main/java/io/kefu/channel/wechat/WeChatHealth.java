package io.kefu.channel.wechat;

import java.io.IOException;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code weChat}: UP when an access token is held or can be
 * fetched (the platform's API reachable, AppID and secret right), DOWN otherwise; UNKNOWN when the
 * channel is not configured. The token is cached, so a health check costs a call once per expiry.
 */
@Component("weChat")
class WeChatHealth implements HealthIndicator {

    private final WeChatProperties settings;
    private final WeChatApi api;

    WeChatHealth(WeChatProperties settings, WeChatApi api) {
        this.settings = settings;
        this.api = api;
    }

    @Override
    public Health health() {
        if (!settings.enabled()) {
            return Health.unknown().withDetail("channel", "off (KEFU_WECHAT_TOKEN unset)").build();
        }
        try {
            api.accessToken();
            return Health.up().withDetail("tokenExpiresAt", String.valueOf(api.tokenExpiresAt())).build();
        } catch (IOException e) {
            return Health.down().withDetail("error", e.getMessage()).build();
        }
    }
}
