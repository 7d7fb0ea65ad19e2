package io.kefu.channel.wecom;

import java.io.IOException;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code weCom}: UP when an access token is held or can be
 * fetched (WeCom's API reachable, CorpID and Secret right), DOWN otherwise; UNKNOWN when the
 * channel is not configured. The token is cached, so a health check costs a call once per expiry.
 */
@Component("weCom")
class WeComHealth implements HealthIndicator {

    private final WeComProperties settings;
    private final WeComApi api;

    WeComHealth(WeComProperties settings, WeComApi api) {
        this.settings = settings;
        this.api = api;
    }

    @Override
    public Health health() {
        if (!settings.enabled()) {
            return Health.unknown().withDetail("channel", "off (KEFU_WECOM_TOKEN, KEFU_WECOM_AES_KEY or KEFU_WECOM_CORP_ID unset)").build();
        }
        try {
            api.accessToken();
            return Health.up().withDetail("tokenExpiresAt", String.valueOf(api.tokenExpiresAt())).build();
        } catch (IOException e) {
            return Health.down().withDetail("error", e.getMessage()).build();
        }
    }
}
