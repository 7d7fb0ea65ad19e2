package io.kefu.channel.dingtalk;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.kefu.channel.callback.OutboundQueue;
import io.kefu.channel.callback.OutboundQueue.Outcome;
import io.kefu.ticket.Channel;

/**
 * Sends queued DingTalk replies from the {@link OutboundQueue} (in order per customer, retried
 * with back-off while DingTalk is down): through the conversation's session webhook while it is
 * valid, else as the robot to the member's staff id ({@code oToMessages/batchSend}). A sender
 * outside the organisation whose webhook expired while the reply waited cannot be reached: the
 * part ends as {@code REFUSED} with that reason.
 */
@Component
class DingTalkSender {

    private final OutboundQueue queue;
    private final DingTalkApi api;
    private final JdbcClient jdbc;
    private final DingTalkProperties settings;
    private final Clock clock;

    DingTalkSender(OutboundQueue queue, DingTalkApi api, JdbcClient jdbc, DingTalkProperties settings, Clock clock) {
        this.queue = queue;
        this.api = api;
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${kefu.dingtalk.send-poll-interval:PT1S}")
    void poll() {
        if (settings.robotEnabled()) {
            sendDue();
        }
    }

    /** Sends what is due now; returns how many parts were sent. */
    int sendDue() {
        return queue.sendDue(Channel.DINGTALK.name(), settings.maxAttempts(), row -> {
            record Contact(String staffId, String webhook, Timestamp expires) {
            }
            Optional<Contact> contact = jdbc.sql(
                    "SELECT staff_id, session_webhook, webhook_expires_at FROM dingtalk_contact WHERE customer_id = ?")
                    .param(Long.parseLong(row.recipient()))
                    .query((rs, n) -> new Contact(rs.getString(1), rs.getString(2), rs.getTimestamp(3))).optional();
            if (contact.isEmpty()) {
                return Outcome.refused("no DingTalk contact for customer " + row.recipient());
            }
            Contact to = contact.get();
            boolean webhookValid = to.webhook() != null && settings.trustedWebhook(to.webhook()) && to.expires() != null
                    && to.expires().toInstant().isAfter(clock.instant().plusSeconds(10));
            if (webhookValid) {
                Outcome outcome = api.sendBySessionWebhook(to.webhook(), row.body());
                if (outcome.sent() || to.staffId() == null) {
                    return outcome;
                }
            }
            if (to.staffId() == null) {
                return Outcome.refused("the session webhook expired and the sender has no staff id the robot API could reach");
            }
            return api.sendToStaff(to.staffId(), row.body());
        });
    }
}
