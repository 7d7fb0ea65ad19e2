package io.kefu.channel.wecom;

import java.util.List;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.kefu.channel.callback.MessageParts;
import io.kefu.channel.callback.OutboundQueue;
import io.kefu.conversation.Direction;
import io.kefu.conversation.MessageAppended;
import io.kefu.customer.ChannelIdentity;
import io.kefu.customer.CustomerService;
import io.kefu.ticket.Channel;

/**
 * Queues every outbound message of a WeCom ticket (agents' replies, the bot's answers) for the
 * {@link WeComSender}, in the transaction that stores the message, addressed to the userid the
 * customer last wrote from. A reply longer than WeCom takes in one message (2,048 bytes) is queued
 * in parts, sent in order. A file an agent sends goes as WeCom's image message (PNG, JPEG, GIF) or
 * file message (anything else).
 */
@Component
class WeComReplies {

    private final CustomerService customers;
    private final OutboundQueue queue;
    private final WeComProperties settings;

    WeComReplies(CustomerService customers, OutboundQueue queue, WeComProperties settings) {
        this.customers = customers;
        this.queue = queue;
        this.settings = settings;
    }

    @EventListener
    void on(MessageAppended appended) {
        if (appended.message().direction() != Direction.OUTBOUND || !Channel.WECOM.name().equals(appended.channel())) {
            return;
        }
        List<ChannelIdentity> identities = customers.identities(appended.customerId());
        Optional<String> userId = identities.stream().filter(i -> WeComInbound.IDENTITY.equals(i.channel()))
                .reduce((first, last) -> last).map(ChannelIdentity::address);
        if (userId.isEmpty()) {
            // A WECOM ticket opened through the REST API for someone who never wrote on WeCom:
            // there is nobody to send to; the reply stays in the transcript.
            return;
        }
        queue.enqueue(Channel.WECOM.name(), appended.message().id(), userId.get(),
                MessageParts.split(appended.message().body(), settings.maxMessageBytes()));
    }

    /** An agent's file on a message queued here: sent as the file itself. */
    @EventListener
    void on(io.kefu.chat.OutboundFileAttached file) {
        if (Channel.WECOM.name().equals(file.channel())) {
            queue.attach(Channel.WECOM.name(), file.messageId(), file.attachmentId());
        }
    }
}
