package io.kefu.ticket;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kefu.follow-up.*}: following a customer up, while an agent waits for them and after their
 * ticket closed.
 *
 * @param remindAfter how long into an agent's wait for the customer's answer the customer is
 *                    reminded (once per wait, by the {@code customer-follow-up} bot); empty or zero:
 *                    never (so it has no {@code @DefaultValue}, which an empty value would bring back:
 *                    its default, PT24H, is in application.yml). A reminder that would come at or after
 *                    the wait's follow-up time is not planned (the ticket goes back to its agent then)
 * @param linkWithin  how long after a ticket closed a new message from its customer opens a new
 *                    ticket linked to it as its follow-up; later ones open an unlinked ticket; zero:
 *                    never linked
 */
@ConfigurationProperties("kefu.follow-up")
public record FollowUpProperties(Duration remindAfter, @DefaultValue("P30D") Duration linkWithin) {

    public FollowUpProperties {
        remindAfter = remindAfter == null ? Duration.ZERO : remindAfter;
        linkWithin = linkWithin == null ? Duration.ZERO : linkWithin;
        if (remindAfter.isNegative()) {
            throw new IllegalArgumentException("kefu.follow-up.remind-after must not be negative, was " + remindAfter);
        }
        if (linkWithin.isNegative()) {
            throw new IllegalArgumentException("kefu.follow-up.link-within must not be negative, was " + linkWithin);
        }
    }

    /** Whether a waiting customer is reminded at all. */
    public boolean remindsCustomers() {
        return !remindAfter.isZero();
    }
}
