package io.kefu.bots;

import java.util.Date;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import io.kefu.conversation.ConversationService;
import io.kefu.customer.CustomerService;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketView;

/**
 * {@code customer-follow-up}: the bot writes to the customer on the ticket — an outbound message of
 * its conversation, so it is in the transcript and goes out on the customer's channel like any
 * reply — with the text {@code kefu.bots.follow-ups.<followUp>} in the ticket's language. The
 * message and the task's completion commit together: a retry never sends it twice. A reminder of an
 * agent's wait ({@code waitSetAt}) goes out only while that wait holds, checked under the customer's
 * lock, which their messages take too: it never follows their answer.
 */
@Component
class CustomerFollowUpBot implements BotHandler {

    /** Who the message is from, as the knowledge-base bot's answers. */
    static final String AUTHOR = "bot";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final BotsProperties settings;
    private final TicketService tickets;
    private final ConversationService conversations;
    private final CustomerService customers;

    CustomerFollowUpBot(BotsProperties settings, TicketService tickets, ConversationService conversations,
            CustomerService customers) {
        this.settings = settings;
        this.tickets = tickets;
        this.conversations = conversations;
        this.customers = customers;
    }

    @Override
    public String topic() {
        return BotContract.TOPIC_CUSTOMER_FOLLOW_UP;
    }

    @Override
    public boolean transactional() {
        return true;
    }

    @Override
    public BotOutcome work(BotTask task) {
        long ticketId = task.ticketId();
        String key = task.string(BotContract.VAR_FOLLOW_UP);
        TicketView ticket = tickets.find(ticketId).orElseThrow(() -> new BotFailure("no ticket " + ticketId));
        String language = ticket.classification() == null ? null : ticket.classification().language();
        String text = key == null ? null : settings.followUpText(key, language);
        if (text == null || text.isBlank()) {
            throw new BotFailure("no follow-up text kefu.bots.follow-ups." + key + " (variable '"
                    + BotContract.VAR_FOLLOW_UP + "')");
        }
        // Plain replacement of two known placeholders; nothing in the text is evaluated.
        text = text.replace("{orderId}", safe(task.string(BotContract.VAR_ORDER_ID)))
                .replace("{refundId}", safe(task.string(BotContract.VAR_REFUND_ID)));
        Object waitSetAt = task.variables().get(BotContract.VAR_WAIT_SET_AT);
        if (waitSetAt != null) {
            if (!(waitSetAt instanceof Date setAt)) {
                throw new BotFailure("variable '" + BotContract.VAR_WAIT_SET_AT + "' is not a date");
            }
            // the customer's messages take this lock too: their answer is either seen here or comes after
            customers.lockByExternalId(ticket.customerExternalId());
            boolean holds = tickets.waitHolds(ticketId, setAt.toInstant());
            if (holds) {
                conversations.appendOutbound(ticket.conversationId(), ticketId, AUTHOR, text);
            }
            return new BotOutcome.Done(Map.of(BotContract.VAR_FOLLOW_UP_SENT, holds));
        }
        conversations.appendOutbound(ticket.conversationId(), ticketId, AUTHOR, text);
        return new BotOutcome.Done(Map.of());
    }

    private static String safe(String id) {
        return id != null && SAFE_ID.matcher(id).matches() ? id : "";
    }
}
