package io.kefu.intake;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.kefu.conversation.ConversationService;
import io.kefu.conversation.Message;
import io.kefu.conversation.MessageReceived;
import io.kefu.customer.Customer;
import io.kefu.customer.CustomerService;
import io.kefu.ticket.IllegalTicketStateException;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketStatus;
import io.kefu.ticket.TicketView;

/**
 * Takes an inbound message: locks the customer, then either appends the message to their open
 * ticket (and correlates it into the ticket's process) or opens a new ticket — linked as the
 * follow-up of their last ticket when that one closed within {@code kefu.follow-up.link-within}. All
 * in one transaction: nothing is half-stored. A collision with the ticket's own process (both changing
 * the same instance at once) is retried a few times before it is reported.
 */
@Service
public class IntakeService {

    private static final int ATTEMPTS = 3;

    private final CustomerService customers;
    private final ConversationService conversations;
    private final TicketService tickets;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final int maxLength;

    IntakeService(CustomerService customers, ConversationService conversations, TicketService tickets,
            ApplicationEventPublisher events, TransactionTemplate transaction,
            @Value("${kefu.intake.max-message-length:10000}") int maxLength) {
        this.customers = customers;
        this.conversations = conversations;
        this.tickets = tickets;
        this.events = events;
        this.transaction = transaction;
        this.maxLength = maxLength;
    }

    public IntakeResult receive(InboundMessage message) {
        return receive(message, null, null);
    }

    /**
     * Takes a message a channel knows to continue one ticket (an e-mail replying in that ticket's
     * thread): appended there when the ticket is the customer's and not closed, otherwise taken as
     * {@link #receive(InboundMessage)} takes any message (their open ticket, or a new one).
     *
     * @param continuesTicketId the ticket the channel found, or null
     * @param channelAddress    where the customer wrote from on the channel (an e-mail address), kept as
     *                          their channel identity; null: their external id is that address
     */
    public IntakeResult receive(InboundMessage message, Long continuesTicketId, String channelAddress) {
        int length = message.text().codePointCount(0, message.text().length());
        if (length > maxLength) {
            throw new MessageTooLongException(length, maxLength);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> store(message, continuesTicketId, channelAddress));
            } catch (OptimisticLockingException | OptimisticLockingFailureException collision) {
                if (attempt == ATTEMPTS) {
                    throw collision;
                }
            }
        }
    }

    /**
     * The customer answered the bot's "did this solve it?" with a button rather than a message.
     *
     * @throws io.kefu.ticket.TicketNotFoundException      for an unknown ticket
     * @throws io.kefu.ticket.IllegalTicketStateException when the ticket is not waiting for that
     *                                                    answer (nothing is recorded)
     */
    public TicketView botFeedback(long ticketId, boolean solved) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> {
                    TicketView ticket = tickets.get(ticketId);
                    customers.lockByExternalId(ticket.customerExternalId());
                    TicketView locked = tickets.get(ticketId);
                    if (locked.status() != TicketStatus.BOT_ANSWERED) {
                        throw new IllegalTicketStateException(ticketId, locked.status(),
                                "rated as a bot answer (the bot is not waiting for feedback)");
                    }
                    events.publishEvent(new BotFeedbackGiven(ticketId, solved));
                    return locked;
                });
            } catch (OptimisticLockingException | OptimisticLockingFailureException collision) {
                if (attempt == ATTEMPTS) {
                    throw collision;
                }
            }
        }
    }

    /**
     * The customer left while the ticket waited for an agent: recorded as abandoned, under the
     * customer's lock like their messages, so a message arriving at the same moment is not lost
     * between the two (it then opens a new ticket). 409 unless the ticket is waiting.
     */
    public TicketView customerLeft(long ticketId) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> {
                    customers.lockByExternalId(tickets.get(ticketId).customerExternalId());
                    return tickets.abandon(ticketId);
                });
            } catch (OptimisticLockingException | OptimisticLockingFailureException collision) {
                if (attempt == ATTEMPTS) {
                    throw collision;
                }
            }
        }
    }

    private IntakeResult store(InboundMessage message, Long continuesTicketId, String channelAddress) {
        Customer customer = customers.lockByExternalId(message.customerExternalId());
        if (message.clientMessageId() != null) {
            var resent = conversations.findByClientMessageId(customer.id(), message.clientMessageId());
            if (resent.isPresent()) {
                Message stored = resent.get();
                return IntakeResult.onOpenTicket(stored.ticketId(), stored.conversationId(), stored.id());
            }
        }
        customers.rememberIdentity(customer.id(), message.channel().name(),
                channelAddress != null ? channelAddress : customer.externalId());
        var open = continuesTicketId == null ? tickets.findOpenForCustomer(customer.id())
                : tickets.find(continuesTicketId)
                        .filter(t -> t.customerId() == customer.id() && t.status() != TicketStatus.CLOSED)
                        .or(() -> tickets.findOpenForCustomer(customer.id()));
        if (open.isPresent()) {
            TicketView ticket = open.get();
            Message stored = conversations.appendInbound(ticket.conversationId(), ticket.id(), customer.externalId(),
                    message.text(), message.clientMessageId(), message.channel().name());
            events.publishEvent(new MessageReceived(ticket.id(), stored.id(), message.text(), ticket.status()));
            return IntakeResult.onOpenTicket(ticket.id(), ticket.conversationId(), stored.id());
        }
        long conversationId = conversations.start(customer.id(), message.channel().name());
        TicketView ticket = tickets.open(customer.id(), customer.externalId(), customer.tier(), conversationId, message.channel(),
                message.topic());
        // the customer's last ticket closed recently: the new one is linked as its follow-up, in this transaction
        Long followUpOf = tickets.linkToRecentlyClosed(ticket).orElse(null);
        Message stored = conversations.appendFirstInbound(conversationId, ticket.id(), customer.externalId(),
                message.text(), message.clientMessageId());
        return new IntakeResult(ticket.id(), conversationId, stored.id(), true, followUpOf);
    }
}
