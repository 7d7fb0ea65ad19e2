package io.kefu.channel.wechat;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * Queues every outbound message of a WeChat ticket (agents' replies, the bot's answers) for the
 * {@link WeChatSender} in the {@link OutboundQueue}, in the transaction that stores the message: a
 * reply is stored and queued together or not at all. A reply longer than one text message may be
 * ({@code max-message-bytes}) is queued in parts, sent in order. Outside the platform's reply window
 * the reply is refused with {@link ReplyWindowClosedException}, which rolls the reply back. An image
 * an agent sends (PNG, JPEG, GIF: the types the platform's image messages take) goes as an image
 * message; other files go as their name, which is all the platform's customer-service messages can
 * carry of them.
 */
@Component
class WeChatReplies {

    private final JdbcClient jdbc;
    private final OutboundQueue queue;
    private final WeChatProperties settings;
    private final Clock clock;

    WeChatReplies(JdbcClient jdbc, OutboundQueue queue, WeChatProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.queue = queue;
        this.settings = settings;
        this.clock = clock;
    }

    @EventListener
    void on(MessageAppended appended) {
        if (appended.message().direction() != Direction.OUTBOUND) {
            return;
        }
        if (!Channel.WECHAT.name().equals(appended.channel())) {
            return;
        }
        record Contact(String openId, Instant lastInbound) {
        }
        Optional<Contact> contact = jdbc.sql("SELECT open_id, last_inbound_at FROM wechat_contact WHERE customer_id = ?")
                .param(appended.customerId())
                .query((rs, row) -> new Contact(rs.getString(1), rs.getTimestamp(2).toInstant())).optional();
        if (contact.isEmpty()) {
            // A WECHAT ticket opened through the REST API for a customer who never wrote on WeChat:
            // there is nobody to send to; the reply stays in the transcript.
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (contact.get().lastInbound().plus(settings.replyWindow()).isBefore(now)) {
            throw new ReplyWindowClosedException(appended.message().ticketId(), contact.get().lastInbound(), settings.replyWindow());
        }
        queue.enqueue(Channel.WECHAT.name(), appended.message().id(), contact.get().openId(),
                MessageParts.split(appended.message().body(), settings.maxMessageBytes()));
    }

    /** An agent's file on a message queued here: an image is sent as one. */
    @EventListener
    void on(io.kefu.chat.OutboundFileAttached file) {
        if (Channel.WECHAT.name().equals(file.channel()) && IMAGE_TYPES.contains(file.contentType())) {
            queue.attach(Channel.WECHAT.name(), file.messageId(), file.attachmentId());
        }
    }

    /** What the platform's image messages take (its temporary media: JPG, PNG, GIF, BMP). */
    static final java.util.Set<String> IMAGE_TYPES = java.util.Set.of("image/png", "image/jpeg", "image/gif");
}
