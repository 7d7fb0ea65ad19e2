package io.kefu.lifecycle;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The order number triage hands the refund bots, read with the pattern of application.yml. */
class RefundPropertiesTest {

    /** As in src/main/resources/application.yml (kefu.lifecycle.refund.order-pattern). */
    static final String PATTERN = "(?iu)(?:order|订单|单号)[^\\p{Alnum}]{0,3}(?:(?:no|number|num|id|is|号|编号)[^\\p{Alnum}]{0,3}){0,3}"
            + "(\\p{Alpha}{0,4}-?\\d[\\p{Alnum}-]{2,35})";

    private final RefundProperties refunds = new RefundProperties(true, "refund", PATTERN, Duration.ofHours(1),
            Duration.ofDays(7));

    @Test
    void findsTheOrderNumberAsCustomersWriteIt() {
        assertThat(refunds.orderIdIn("Please refund my order A1001, it broke")).contains("A1001");
        assertThat(refunds.orderIdIn("my order number is 12345678")).contains("12345678");
        assertThat(refunds.orderIdIn("Order #SO-20261202")).contains("SO-20261202");
        assertThat(refunds.orderIdIn("我要退款，订单号：20261202001")).contains("20261202001");
        assertThat(refunds.orderIdIn("订单编号 A1001 的东西坏了")).contains("A1001");
    }

    @Test
    void noOrderNumberIsNone() {
        assertThat(refunds.orderIdIn("I ordered it last week and want my money back")).isEmpty();
        assertThat(refunds.orderIdIn("我要退款")).isEmpty();
        assertThat(refunds.orderIdIn(null)).isEmpty();
    }

    @Test
    void aPatternWithoutAGroupOrNotARegexIsRefusedAtStart() {
        assertThatThrownBy(() -> new RefundProperties(true, "refund", "order \\d+", Duration.ofHours(1), Duration.ofDays(7)))
                .hasMessageContaining("group 1");
        assertThatThrownBy(() -> new RefundProperties(true, "refund", "order (", Duration.ofHours(1), Duration.ofDays(7)))
                .hasMessageContaining("not a regular expression");
        assertThatThrownBy(() -> new RefundProperties(true, "refund", PATTERN, Duration.ZERO, Duration.ofDays(7)))
                .hasMessageContaining("bot-timeout");
    }
}
