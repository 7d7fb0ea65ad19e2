package io.kefu.security.throttle;

import java.time.Duration;


import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Rate limits per customer and principal, and how the customer is read from a message body. */
class RateLimitsTest {

    private final MovableTime time = new MovableTime();
    private final RateLimits limits = new RateLimits(new RateLimitProperties(true, new Limit(3, 3, Duration.ofSeconds(10)),
            new Limit(5, 5, Duration.ofSeconds(1)), new Limit(2, 2, Duration.ofSeconds(1)),
            new Limit(2, 1, Duration.ofSeconds(5)), 1000), time);

    @Test
    void aCustomerGetsTheBurstThenWaits() {
        for (int i = 0; i < 3; i++) {
            assertThat(limits.message("crm", "c-1")).isEmpty();
        }

        assertThat(limits.message("crm", "c-1")).hasValueSatisfying(refusal -> {
            assertThat(refusal.retryAfterSeconds()).isEqualTo(4);
            assertThat(refusal.detail()).isEqualTo("Too many messages for customer c-1: retry in 4 s");
        });
        assertThat(limits.message("crm", "c-2")).as("another customer").isEmpty();
        time.advance(Duration.ofMillis(3400));
        assertThat(limits.message("crm", "c-1")).isEmpty();
    }

    @Test
    void aRefusedCustomerMessageCostsThePrincipalNothing() {
        for (int i = 0; i < 3; i++) {
            limits.message("crm", "c-1");
        }
        for (int i = 0; i < 10; i++) {
            assertThat(limits.message("crm", "c-1")).isPresent();
        }

        assertThat(limits.message("crm", "c-2")).isEmpty();
        assertThat(limits.message("crm", "c-3")).isEmpty();
        assertThat(limits.message("crm", "c-4")).hasValueSatisfying(refusal -> assertThat(refusal.detail())
                .isEqualTo("Too many messages from crm: retry in 1 s"));
    }

    @Test
    void searchesCountPerPrincipal() {
        assertThat(limits.knowledgeSearch("li")).isEmpty();
        assertThat(limits.knowledgeSearch("li")).isEmpty();

        assertThat(limits.knowledgeSearch("li")).hasValueSatisfying(refusal -> assertThat(refusal.detail())
                .isEqualTo("Too many knowledge-base searches from li: retry in 1 s"));
        assertThat(limits.knowledgeSearch("wang")).isEmpty();
    }

    @Test
    void inboundEventsCountPerPrincipalAndDoNotShareTheSearchBucket() {
        assertThat(limits.knowledgeSearch("token:erp")).isEmpty();
        assertThat(limits.inboundEvent("token:erp")).isEmpty();
        assertThat(limits.inboundEvent("token:erp")).isEmpty();

        assertThat(limits.inboundEvent("token:erp")).hasValueSatisfying(refusal -> assertThat(refusal.detail())
                .isEqualTo("Too many inbound events from token:erp: retry in 5 s"));
        assertThat(limits.inboundEvent("token:crm")).isEmpty();
        time.advance(Duration.ofSeconds(5));
        assertThat(limits.inboundEvent("token:erp")).isEmpty();
    }
}
