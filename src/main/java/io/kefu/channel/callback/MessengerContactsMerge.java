package io.kefu.channel.callback;

import java.sql.Timestamp;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.kefu.customer.CustomersMerged;

/**
 * Customer {@code fromId} was merged into {@code intoId}: the messenger contact a reply goes to
 * (WeChat's openid and reply window, DingTalk's sender and session webhook) becomes the second's.
 * A customer keeps one contact per messenger: when both had one, the one that wrote last stays (the
 * open reply window, the live session webhook) and the other goes; its identities stay with the
 * customer, so a message from it still finds them.
 */
@Component
class MessengerContactsMerge {

    private final JdbcClient jdbc;

    MessengerContactsMerge(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(CustomersMerged merged) {
        move("wechat_contact", merged);
        move("dingtalk_contact", merged);
    }

    private void move(String table, CustomersMerged merged) {
        // The table names are this class's constants, never input.
        Optional<Timestamp> from = lastInbound(table, merged.fromId());
        if (from.isEmpty()) {
            return;
        }
        Optional<Timestamp> into = lastInbound(table, merged.intoId());
        if (into.isPresent()) {
            boolean fromIsNewer = from.get().after(into.get());
            jdbc.sql("DELETE FROM " + table + " WHERE customer_id = ?").param(fromIsNewer ? merged.intoId() : merged.fromId())
                    .update();
            if (!fromIsNewer) {
                return;
            }
        }
        jdbc.sql("UPDATE " + table + " SET customer_id = ? WHERE customer_id = ?").params(merged.intoId(), merged.fromId())
                .update();
    }

    private Optional<Timestamp> lastInbound(String table, long customerId) {
        return jdbc.sql("SELECT last_inbound_at FROM " + table + " WHERE customer_id = ?").param(customerId)
                .query(Timestamp.class).optional();
    }
}
