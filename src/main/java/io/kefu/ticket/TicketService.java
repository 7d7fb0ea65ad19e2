package io.kefu.ticket;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.kefu.customer.CustomerTier;

/**
 * Application service for tickets. Each method loads the aggregate, calls one intent method,
 * stores it and publishes the facts it recorded ({@link TicketChanged} records) in the same transaction.
 */
@Service
@Transactional
public class TicketService {

    private final TicketRepository tickets;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TicketService(TicketRepository tickets, ApplicationEventPublisher events, Clock clock) {
        this.tickets = tickets;
        this.events = events;
        this.clock = clock;
    }

    /** Opens a ticket for a conversation; listeners start its lifecycle and write the outbox. */
    public TicketView open(long customerId, String customerExternalId, CustomerTier customerTier, long conversationId,
            Channel channel, Topic explicitTopic) {
        Ticket draft = Ticket.open(customerId, customerExternalId, customerTier, conversationId, channel, explicitTopic,
                now());
        Ticket stored = draft.opened(tickets.insert(draft));
        publish(stored);
        return stored.view();
    }

    @Transactional(readOnly = true)
    public Optional<TicketView> find(long ticketId) {
        return tickets.findById(ticketId).map(Ticket::view);
    }

    @Transactional(readOnly = true)
    public TicketView get(long ticketId) {
        return load(ticketId).view();
    }

    /** The ticket if {@code access} reaches it; a ticket out of reach is absent, as a missing one. */
    @Transactional(readOnly = true)
    public Optional<TicketView> find(long ticketId, TicketAccess access) {
        return tickets.findVisible(ticketId, access).map(Ticket::view);
    }

    /**
     * The ticket if {@code access} reaches it; otherwise {@link TicketNotFoundException}, the same
     * answer as for a ticket that does not exist, so callers learn nothing about other queues.
     */
    @Transactional(readOnly = true)
    public TicketView get(long ticketId, TicketAccess access) {
        return find(ticketId, access).orElseThrow(() -> new TicketNotFoundException(ticketId));
    }

    /** The tickets with these ids, by id (unknown ids are absent); one query. */
    @Transactional(readOnly = true)
    public java.util.Map<Long, TicketView> findAll(java.util.Collection<Long> ticketIds) {
        if (ticketIds.isEmpty()) {
            return java.util.Map.of();
        }
        return tickets.findAllById(ticketIds).stream().map(Ticket::view)
                .collect(java.util.stream.Collectors.toMap(TicketView::id, v -> v));
    }

    /** How the bot's self-service answers did for tickets opened in the last {@code days} days. */
    @Transactional(readOnly = true)
    public SelfServiceStats selfServiceStats(int days) {
        return tickets.selfServiceStats(now().minus(java.time.Duration.ofDays(days)));
    }

    /** The customer's ticket that is still open (not closed), if any. */
    @Transactional(readOnly = true)
    public Optional<TicketView> findOpenForCustomer(long customerId) {
        return tickets.findOpenByCustomer(customerId).map(Ticket::view);
    }

    public TicketView classify(long ticketId, Topic topic, Classification classification) {
        return change(ticketId, t -> t.classify(topic, classification, now()));
    }

    public TicketView answerByBot(long ticketId, long articleId) {
        return change(ticketId, t -> t.answerByBot(articleId, now()));
    }

    /** The bot soothed the waiting customer with message {@code messageId} (text variant {@code variant}). */
    public TicketView sootheCustomer(long ticketId, String variant, long messageId) {
        return change(ticketId, t -> t.sootheCustomer(variant, messageId, now()));
    }

    public TicketView resolveByBot(long ticketId) {
        return change(ticketId, t -> t.resolveByBot(now()));
    }

    /**
     * Routes the ticket where {@code decide} places it, given the ticket as loaded here: one read for
     * deciding and changing (the routing step used to load it twice).
     */
    public TicketView route(long ticketId, Function<TicketView, Placement> decide) {
        return change(ticketId, t -> {
            t.route(decide.apply(t.view()), now());
        });
    }

    public TicketView assign(long ticketId, String agent) {
        return change(ticketId, t -> t.assignTo(agent, now()));
    }

    public TicketView release(long ticketId) {
        return change(ticketId, t -> t.release(now()));
    }

    public TicketView resolve(long ticketId) {
        return change(ticketId, t -> t.resolve(now()));
    }

    public TicketView reopen(long ticketId) {
        return change(ticketId, t -> t.reopen(now()));
    }

    public TicketView close(long ticketId) {
        return change(ticketId, t -> t.close(now()));
    }

    public TicketView noteCustomerMessage(long ticketId) {
        return change(ticketId, t -> t.noteCustomerMessage(now()));
    }

    private TicketView change(long ticketId, Consumer<Ticket> intent) {
        Ticket ticket = load(ticketId);
        intent.accept(ticket);
        tickets.update(ticket);
        publish(ticket);
        return ticket.view();
    }

    private Ticket load(long ticketId) {
        return tickets.findById(ticketId).orElseThrow(() -> new TicketNotFoundException(ticketId));
    }

    private void publish(Ticket ticket) {
        ticket.drainEvents().forEach(events::publishEvent);
    }

    /** Millisecond precision: what both databases store, so a re-read ticket equals the written one. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
