package io.kefu.channel.dingtalk;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.kefu.channel.callback.MessageParts;
import io.kefu.channel.callback.OutboundQueue;
import io.kefu.conversation.Direction;
import io.kefu.conversation.MessageAppended;
import io.kefu.ticket.Channel;

/**
 * Queues every outbound message of a DingTalk ticket for the {@link DingTalkSender}, in the
 * transaction that stores the message, in parts of at most {@code max-message-bytes}. A reply
 * that nothing could deliver (a sender outside the organisation whose session webhook expired) is
 * refused with {@link ReplyUnreachableException}, which rolls the reply back.
 */
@Component
class DingTalkReplies {

    /** A webhook this close to its expiry is treated as expired: the reply may wait in the queue a moment. */
    static final Duration WEBHOOK_MARGIN = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final OutboundQueue queue;
    private final DingTalkProperties settings;
    private final Clock clock;

    DingTalkReplies(JdbcClient jdbc, OutboundQueue queue, DingTalkProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.queue = queue;
        this.settings = settings;
        this.clock = clock;
    }

    @EventListener
    void on(MessageAppended appended) {
        if (appended.message().direction() != Direction.OUTBOUND || !Channel.DINGTALK.name().equals(appended.channel())) {
            return;
        }
        record Contact(String staffId, Timestamp webhookExpires) {
        }
        Optional<Contact> contact = jdbc.sql("SELECT staff_id, webhook_expires_at FROM dingtalk_contact WHERE customer_id = ?")
                .param(appended.customerId()).query((rs, n) -> new Contact(rs.getString(1), rs.getTimestamp(2))).optional();
        if (contact.isEmpty()) {
            // A DINGTALK ticket opened through the REST API for someone who never wrote on DingTalk:
            // there is nobody to send to; the reply stays in the transcript.
            return;
        }
        Instant webhookExpires = contact.get().webhookExpires() == null ? null : contact.get().webhookExpires().toInstant();
        boolean webhookValid = webhookExpires != null && webhookExpires.isAfter(clock.instant().plus(WEBHOOK_MARGIN));
        if (contact.get().staffId() == null && !webhookValid) {
            throw new ReplyUnreachableException(appended.message().ticketId());
        }
        queue.enqueue(Channel.DINGTALK.name(), appended.message().id(), String.valueOf(appended.customerId()),
                MessageParts.split(appended.message().body(), settings.maxMessageBytes()));
    }
}
