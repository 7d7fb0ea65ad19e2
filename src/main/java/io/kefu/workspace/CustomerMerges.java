package io.kefu.workspace;

import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.kefu.chat.AttachmentService;
import io.kefu.conversation.ConversationService;
import io.kefu.customer.Customer;
import io.kefu.customer.CustomerNotFoundException;
import io.kefu.customer.CustomerService;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketView;

/**
 * Merges two customers who are one person (the same shopper on WeChat and in the web chat, say), in
 * one transaction: when both have an open ticket, the merged customer's is merged into the other's
 * first (its messages, files and notes move, it closes as merged), so the customer goes on with one
 * open ticket; then {@link CustomerService#merge} gives the merged customer's identities,
 * conversations, tickets, visitors and messenger contacts to the one that goes on, whose history
 * then shows every channel. Audited ({@code customer.merge}, {@code ticket.merge}).
 */
@Service
@Transactional
public class CustomerMerges {

    private final CustomerService customers;
    private final TicketService tickets;
    private final ConversationService conversations;
    private final AttachmentService attachments;

    CustomerMerges(CustomerService customers, TicketService tickets, ConversationService conversations,
            AttachmentService attachments) {
        this.customers = customers;
        this.tickets = tickets;
        this.conversations = conversations;
        this.attachments = attachments;
    }

    /**
     * Merges customer {@code fromExternalId} into {@code intoExternalId}.
     *
     * @param by who merges them (recorded on the tickets)
     * @throws CustomerNotFoundException for an unknown external id
     * @throws IllegalArgumentException  for the same customer twice
     */
    public Merged merge(String intoExternalId, String fromExternalId, String by) {
        Customer into = customers.findByExternalId(intoExternalId)
                .orElseThrow(() -> new CustomerNotFoundException(intoExternalId));
        Customer from = customers.findByExternalId(fromExternalId)
                .orElseThrow(() -> new CustomerNotFoundException(fromExternalId));
        if (into.id() == from.id()) {
            throw new IllegalArgumentException(intoExternalId.equals(fromExternalId)
                    ? "a customer cannot be merged into themselves"
                    : fromExternalId + " was merged into " + into.externalId() + " already");
        }
        Optional<TicketView> openInto = tickets.findOpenForCustomer(into.id());
        Optional<TicketView> openFrom = tickets.findOpenForCustomer(from.id());
        Long mergedTicket = null;
        if (openInto.isPresent() && openFrom.isPresent()) {
            long source = openFrom.get().id();
            long target = openInto.get().id();
            tickets.merge(source, target, by);
            conversations.moveToTicket(source, target);
            attachments.moveToTicket(source, target);
            tickets.addNote(target, by, "Merged ticket #" + source + " of customer " + from.externalId()
                    + " into this one with the customer.");
            mergedTicket = source;
        }
        Customer survivor = customers.merge(intoExternalId, fromExternalId);
        Long openTicket = openInto.or(() -> openFrom).map(TicketView::id).orElse(null);
        return new Merged(survivor.externalId(), from.externalId(), openTicket, mergedTicket);
    }

    /**
     * @param externalId   the customer that goes on
     * @param merged       the customer merged into them (their external id now stands for the first)
     * @param openTicket   the customer's open ticket after the merge, or null
     * @param mergedTicket the merged customer's open ticket, merged into {@code openTicket}; null when
     *                     there was no second open ticket
     */
    public record Merged(String externalId, String merged, Long openTicket, Long mergedTicket) {
    }
}
