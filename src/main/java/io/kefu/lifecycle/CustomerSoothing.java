package io.kefu.lifecycle;

import java.time.Duration;

import org.springframework.stereotype.Component;

import io.kefu.conversation.ConversationService;
import io.kefu.conversation.Message;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketStatus;
import io.kefu.ticket.TicketView;

/**
 * The soothing message for a customer who waits for an agent: sent by the bot as an outbound message
 * of the ticket (so it is in the transcript and goes out on the customer's channel like any reply),
 * in the ticket's language, once per wait.
 *
 * <p>A wait starts when the ticket enters a queue after it was opened or reopened; being routed
 * again while it waits (re-routing, escalation) continues the same wait, so the customer is not
 * soothed twice for it. A ticket an agent took meanwhile is not soothed at all.
 */
@Component
class CustomerSoothing {

    private final SootheProperties settings;
    private final TicketService tickets;
    private final ConversationService conversations;

    CustomerSoothing(SootheProperties settings, TicketService tickets, ConversationService conversations) {
        this.settings = settings;
        this.tickets = tickets;
        this.conversations = conversations;
    }

    /**
     * Soothes the customer of this ticket unless an agent has it or this wait was soothed already.
     *
     * @param soothedWait the wait (the ticket's reopen count) last soothed, or null if none
     * @return the wait soothed now, or {@code soothedWait} unchanged when nothing was sent
     */
    Integer soothe(long ticketId, Integer soothedWait) {
        TicketView ticket = tickets.get(ticketId);
        int wait = ticket.reopenCount();
        if (ticket.status() != TicketStatus.QUEUED || Integer.valueOf(wait).equals(soothedWait)) {
            return soothedWait;
        }
        String language = ticket.classification() == null ? null : ticket.classification().language();
        Message sent = conversations.appendOutbound(ticket.conversationId(), ticketId, BotSelfService.BOT_AUTHOR,
                settings.text(language));
        tickets.sootheCustomer(ticketId, settings.variant(), sent.id());
        return wait;
    }

    /** When into the wait the customer is soothed, as the process timer reads it. */
    Duration after() {
        return settings.after();
    }
}
