package io.kefu.workspace;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.kefu.conversation.ConversationService;
import io.kefu.customer.ChannelIdentity;
import io.kefu.customer.CustomerService;
import io.kefu.customer.IdentityKind;
import io.kefu.ticket.Channel;
import io.kefu.ticket.InvalidTicketActionException;
import io.kefu.ticket.TicketView;

/**
 * The channels an agent's reply on a ticket can take: by default the channel of the customer's latest
 * message on it; else any channel the customer is linked on (they wrote from it, or an agent or the
 * back office linked an address of it: an e-mail address, a WeChat openid, …). Each channel then
 * delivers the reply within its own limits (WeChat's 48-hour window, the platforms' text lengths).
 */
@Component
public class ReplyChannels {

    private final ConversationService conversations;
    private final CustomerService customers;

    ReplyChannels(ConversationService conversations, CustomerService customers) {
        this.conversations = conversations;
        this.customers = customers;
    }

    /** The ticket's reply channels, the default first. */
    @Transactional(readOnly = true)
    public Choice of(TicketView ticket) {
        return of(ticket, customers.identities(ticket.customerId()));
    }

    /** As {@link #of(TicketView)}, from the customer's identities the caller has read already. */
    @Transactional(readOnly = true)
    public Choice of(TicketView ticket, List<ChannelIdentity> identities) {
        String preferred = conversations.replyChannel(ticket.conversationId());
        List<String> channels = new ArrayList<>();
        channels.add(preferred);
        for (ChannelIdentity identity : identities) {
            IdentityKind.channelOf(identity.channel()).filter(c -> !channels.contains(c)).ifPresent(channels::add);
        }
        return new Choice(preferred, List.copyOf(channels));
    }

    /**
     * The channel a reply goes out on: {@code wanted} when the customer is linked on it; null when
     * {@code wanted} is null or blank (the conversation's default, which storing the reply reads anyway).
     *
     * @throws InvalidTicketActionException ({@code channel}) for an unknown channel or one the customer
     *                                      is not linked on
     */
    public String resolve(TicketView ticket, String wanted) {
        if (wanted == null || wanted.isBlank()) {
            return null;
        }
        Choice choice = of(ticket);
        String channel = Channel.parse(wanted).map(Channel::name).orElseThrow(() -> new InvalidTicketActionException(
                "channel", "must be one of " + java.util.Arrays.toString(Channel.values())));
        if (!choice.channels().contains(channel)) {
            throw new InvalidTicketActionException("channel",
                    "the customer is not linked on " + channel + "; this ticket's channels are " + choice.channels());
        }
        return channel;
    }

    /**
     * @param preferred where a reply goes unless the agent chooses: the channel of the customer's
     *                  latest message on the ticket
     * @param channels  every channel the customer is linked on, {@code preferred} first
     */
    public record Choice(String preferred, List<String> channels) {
    }
}
