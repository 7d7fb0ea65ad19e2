package io.kefu.ticket;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code kefu.follow-up.*} as Spring binds it from the environment. */
class FollowUpPropertiesTest {

    @Test
    void anEmptyOrZeroReminderSettingSwitchesRemindersOff() {
        assertThat(bind(Map.of("kefu.follow-up.remind-after", "")).remindsCustomers()).isFalse();
        assertThat(bind(Map.of("kefu.follow-up.remind-after", "PT0S")).remindsCustomers()).isFalse();
        assertThat(bind(Map.of("kefu.follow-up.remind-after", "0")).remindsCustomers()).isFalse();
    }

    @Test
    void durationsAreReadAsIsoOrWithAUnit() {
        FollowUpProperties settings = bind(Map.of("kefu.follow-up.remind-after", "PT24H", "kefu.follow-up.link-within", "7d"));
        assertThat(settings.remindAfter()).isEqualTo(Duration.ofHours(24));
        assertThat(settings.remindsCustomers()).isTrue();
        assertThat(settings.linkWithin()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void linksWithinThirtyDaysUnlessToldOtherwise() {
        assertThat(bind(Map.of("kefu.follow-up.remind-after", "PT24H")).linkWithin()).isEqualTo(Duration.ofDays(30));
        assertThat(bind(Map.of("kefu.follow-up.link-within", "PT0S")).linkWithin()).isZero();
    }

    @Test
    void aNegativeDurationIsRefusedAtStart() {
        assertThatThrownBy(() -> bind(Map.of("kefu.follow-up.remind-after", "-PT1H"))).isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("kefu.follow-up.remind-after must not be negative");
        assertThatThrownBy(() -> bind(Map.of("kefu.follow-up.link-within", "-P1D"))).isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("kefu.follow-up.link-within must not be negative");
    }

    private static FollowUpProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("kefu.follow-up", FollowUpProperties.class);
    }
}
