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
    private final WaitingQueueProperties queueSettings;
    private final TicketNoteRepository notes;
    private final TicketLinkRepository links;
    private final TicketFollowUpRepository followUps;
    private final FollowUpProperties followUpSettings;

    TicketService(TicketRepository tickets, ApplicationEventPublisher events, Clock clock,
            WaitingQueueProperties queueSettings, TicketNoteRepository notes, TicketLinkRepository links,
            TicketFollowUpRepository followUps, FollowUpProperties followUpSettings) {
        this.tickets = tickets;
        this.followUpSettings = followUpSettings;
        this.notes = notes;
        this.links = links;
        this.followUps = followUps;
        this.events = events;
        this.clock = clock;
        this.queueSettings = queueSettings;
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

    /**
     * One page of the ticket list for this caller: only tickets {@code access} reaches, in the
     * query's order; {@code nextCursor} is set when more follow.
     */
    @Transactional(readOnly = true)
    public TicketPage list(TicketQuery query, TicketAccess access) {
        java.util.List<Ticket> found = tickets.search(query, access, query.limit() + 1);
        boolean more = found.size() > query.limit();
        java.util.List<Ticket> page = more ? found.subList(0, query.limit()) : found;
        String next = more ? TicketRepository.cursorOf(page.get(page.size() - 1), query.sort()).encode() : null;
        return new TicketPage(page.stream().map(Ticket::view).toList(), next);
    }

    /**
     * Moves the ticket to another queue (status QUEUED, no assignee: the queue's agents may take
     * it) and publishes {@link TicketTransferred}; the caller moves the process task in the same
     * transaction. 409 unless it waits for or is with an agent; 400 for the queue it is already in.
     */
    public TicketView transfer(long ticketId, String queue, String by, String note) {
        return change(ticketId, t -> t.transferTo(queue, by, note, now()));
    }

    /**
     * Merges ticket {@code ticketId} into {@code intoTicketId}: the first is closed with a pointer to
     * the second ({@link TicketMerged}) and its internal notes move there; the caller moves the
     * messages and ends the lifecycle in the same transaction. Both must be open and different; 409
     * for a closed one, 400 for the same one twice.
     */
    public TicketView merge(long ticketId, long intoTicketId, String by) {
        if (ticketId == intoTicketId) {
            throw new InvalidTicketActionException("intoTicketId", "a ticket cannot be merged into itself");
        }
        Ticket target = load(intoTicketId);
        if (!target.status().isOpen()) {
            throw new IllegalTicketStateException(intoTicketId, target.status(), "merged into (it is closed)");
        }
        Ticket source = load(ticketId);
        boolean wasWaiting = isWaiting(source);
        source.mergeInto(intoTicketId, by, now());
        tickets.update(source);
        tickets.setMergedInto(ticketId, intoTicketId);
        notes.move(ticketId, intoTicketId);
        publish(source);
        if (wasWaiting) {
            tickets.forgetPosition(ticketId);
        }
        return source.view();
    }

    /**
     * Customer {@code fromId} was merged into {@code intoId}: their tickets are the second's now (the
     * workspace merges two open ones first, so the customer keeps one).
     */
    @org.springframework.context.event.EventListener
    void on(io.kefu.customer.CustomersMerged merged) {
        tickets.moveCustomer(merged.fromId(), merged.intoId());
    }

    /** The ticket this one was merged into, if it was. */
    @Transactional(readOnly = true)
    public Optional<Long> mergedInto(long ticketId) {
        return tickets.mergedInto(ticketId);
    }

    /** The tickets merged into this one, oldest first. */
    @Transactional(readOnly = true)
    public java.util.List<Long> mergedFrom(long ticketId) {
        return tickets.mergedFrom(ticketId);
    }

    /** Sets the priority ({@link TicketPriorityChanged}); the same priority again changes nothing. */
    public TicketView changePriority(long ticketId, Priority priority, String by) {
        return change(ticketId, t -> t.changePriority(priority, by, now()));
    }

    /**
     * Stores an internal note on a ticket the caller reaches ({@link TicketNoteAdded}). A note is
     * not a message: no channel sends it, only staff pages show it.
     */
    public TicketNote addNote(long ticketId, TicketAccess access, String text) {
        get(ticketId, access);
        return addNote(ticketId, access.userId(), text);
    }

    /**
     * Stores an internal note by {@code author} without a reach check: for callers that checked it
     * before changing the ticket (a transfer's note, written once the ticket left the agent's reach).
     */
    public TicketNote addNote(long ticketId, String author, String text) {
        TicketView ticket = get(ticketId);
        TicketNote note = notes.insert(ticket.id(), author, text, now());
        events.publishEvent(new TicketNoteAdded(ticket, note, note.createdAt()));
        return note;
    }

    /**
     * Links two tickets the caller reaches as related ({@link TicketLinked}); linking them again
     * changes nothing. 400 for a ticket and itself, 404 when either is out of reach.
     */
    public java.util.List<TicketLink> link(long ticketId, long otherTicketId, TicketAccess access) {
        if (ticketId == otherTicketId) {
            throw new InvalidTicketActionException("ticketId", "a ticket cannot be linked to itself");
        }
        get(ticketId, access);
        get(otherTicketId, access);
        Instant at = now();
        if (links.insert(ticketId, otherTicketId, access.userId(), at)) {
            events.publishEvent(new TicketLinked(ticketId, otherTicketId, true, TicketLinkKind.RELATED, access.userId(), at));
        }
        return links(ticketId, access);
    }

    /** Who links a new ticket to the closed one it follows up: intake, on Kefu's own account. */
    public static final String FOLLOW_UP_LINKER = "system";

    /**
     * Links a ticket intake just opened to the customer's previous ticket (the newest of theirs not
     * merged into another) when that one closed less than {@code kefu.follow-up.link-within} ago:
     * a {@link TicketLinkKind#FOLLOW_UP_OF} link by {@link #FOLLOW_UP_LINKER}, written in the
     * caller's transaction ({@link TicketLinked}). Closed longer ago, never closed, or no earlier
     * ticket: nothing. The closed ticket's id when it linked.
     */
    public Optional<Long> linkToRecentlyClosed(TicketView opened) {
        if (followUpSettings.linkWithin().isZero()) {
            return Optional.empty();
        }
        Instant now = now();
        Optional<Ticket> previous = tickets.previousOfCustomer(opened.customerId(), opened.id());
        if (previous.isEmpty() || previous.get().status() != TicketStatus.CLOSED || previous.get().closedAt() == null
                || !previous.get().closedAt().isAfter(now.minus(followUpSettings.linkWithin()))) {
            return Optional.empty();
        }
        long closedId = previous.get().id();
        if (links.insertFollowUp(opened.id(), closedId, FOLLOW_UP_LINKER, now)) {
            events.publishEvent(new TicketLinked(opened.id(), closedId, true, TicketLinkKind.FOLLOW_UP_OF,
                    FOLLOW_UP_LINKER, now));
        }
        return Optional.of(closedId);
    }

    /** Removes the link between two tickets the caller reaches; whether there was one. */
    public boolean unlink(long ticketId, long otherTicketId, TicketAccess access) {
        get(ticketId, access);
        get(otherTicketId, access);
        TicketLinkKind kind = links.of(ticketId).stream().filter(r -> r.otherTicketId() == otherTicketId)
                .map(TicketLinkRepository.Row::kind).findFirst().orElse(TicketLinkKind.RELATED);
        boolean removed = links.delete(ticketId, otherTicketId);
        if (removed) {
            events.publishEvent(new TicketLinked(ticketId, otherTicketId, false, kind, access.userId(), now()));
        }
        return removed;
    }

    /** The tickets linked to this one that the caller reaches, the most recently linked first. */
    @Transactional(readOnly = true)
    public java.util.List<TicketLink> links(long ticketId, TicketAccess access) {
        get(ticketId, access);
        java.util.List<TicketLinkRepository.Row> rows = links.of(ticketId);
        java.util.Map<Long, TicketView> found = findAll(rows.stream().map(TicketLinkRepository.Row::otherTicketId).toList());
        return rows.stream().filter(r -> found.containsKey(r.otherTicketId()))
                .filter(r -> access.reaches(found.get(r.otherTicketId())))
                .map(r -> new TicketLink(found.get(r.otherTicketId()), r.createdBy(), r.createdAt(), r.kind()))
                .toList();
    }

    /** The shortest and the longest wait for the customer an agent may set. */
    static final java.time.Duration MIN_FOLLOW_UP = java.time.Duration.ofMinutes(1);
    static final java.time.Duration MAX_FOLLOW_UP = java.time.Duration.ofDays(30);

    /**
     * The caller waits for the customer's answer until {@code followUpAt} ({@link TicketFollowUpSet};
     * the lifecycle's {@code Timer_FollowUpDue} brings the ticket back then). The customer is
     * reminded {@code kefu.follow-up.remind-after} into the wait when that comes before the follow-up
     * ({@code remindAt}; the lifecycle's {@code Timer_RemindCustomer}). Waiting again moves the time
     * and plans the reminder anew. Only while agents work the ticket (QUEUED, ASSIGNED): 409
     * otherwise; 400 for a time less than a minute or more than 30 days away, or a note over 2,000
     * characters.
     */
    public FollowUp waitForCustomer(long ticketId, TicketAccess access, Instant followUpAt, String note) {
        Ticket ticket = tickets.findVisible(ticketId, access).orElseThrow(() -> new TicketNotFoundException(ticketId));
        if (ticket.status() != TicketStatus.QUEUED && ticket.status() != TicketStatus.ASSIGNED) {
            throw new IllegalTicketStateException(ticketId, ticket.status(), "waiting for the customer");
        }
        Instant now = now();
        if (followUpAt == null || followUpAt.isBefore(now.plus(MIN_FOLLOW_UP)) || followUpAt.isAfter(now.plus(MAX_FOLLOW_UP))) {
            throw new InvalidTicketActionException("followUpAt", "the follow-up must be between a minute and 30 days from now");
        }
        String text = note == null || note.isBlank() ? null : note.strip();
        if (text != null && text.length() > 2000) {
            throw new InvalidTicketActionException("note", "at most 2000 characters");
        }
        Instant until = followUpAt.truncatedTo(ChronoUnit.MILLIS);
        Instant remindAt = followUpSettings.remindsCustomers() ? now.plus(followUpSettings.remindAfter()) : null;
        // a reminder at or after the follow-up would cross the agent's own: the ticket goes back to them instead
        FollowUp followUp = new FollowUp(ticketId, until, access.userId(), now, text,
                remindAt != null && remindAt.isBefore(until) ? remindAt : null, null);
        followUps.put(followUp);
        events.publishEvent(new TicketFollowUpSet(ticket.view(), followUp, now));
        return followUp;
    }

    /** The caller stops waiting for the customer; whether a wait was set. The timer then finds nothing to do. */
    public boolean stopWaiting(long ticketId, TicketAccess access) {
        get(ticketId, access);
        return followUps.delete(ticketId);
    }

    /**
     * The wait for the customer that still holds: set, the customer has not written since, and
     * agents still work the ticket.
     */
    @Transactional(readOnly = true)
    public Optional<FollowUp> followUp(long ticketId) {
        return followUps.find(ticketId).filter(f -> stillWaiting(get(ticketId), f));
    }

    /**
     * {@code Timer_FollowUpDue} fired: when the wait still holds and its time has come, it ends with
     * an internal note and {@link TicketFollowUpDue}; a wait the customer answered, or on a ticket
     * no longer with the agents, just ends; a wait moved later stays. Whether the follow-up was due.
     */
    public boolean followUpDue(long ticketId) {
        Optional<FollowUp> found = followUps.find(ticketId);
        if (found.isEmpty()) {
            return false;
        }
        FollowUp followUp = found.get();
        TicketView ticket = get(ticketId);
        Instant now = now();
        if (!stillWaiting(ticket, followUp)) {
            followUps.delete(ticketId);
            return false;
        }
        // the timer fires at the time it was given; a wait moved later has its own timer
        if (followUp.followUpAt().isAfter(now.plusSeconds(1))) {
            return false;
        }
        followUps.delete(ticketId);
        addNote(ticketId, followUp.setBy(), "Follow-up due: no answer from the customer since "
                + followUp.setAt().truncatedTo(ChronoUnit.SECONDS) + (followUp.note() == null ? "." : ". " + followUp.note()));
        events.publishEvent(new TicketFollowUpDue(ticket, followUp, now));
        return true;
    }

    /**
     * {@code Timer_RemindCustomer} fired: when the wait still holds, its reminder has come and was
     * not claimed yet, it is claimed now (once per wait, whichever timer or node comes first) and the
     * wait is returned for the bot to remind the customer. Empty for a wait the customer answered,
     * the agent stopped or moved (its own timer reminds at its own time), or a ticket no longer with
     * the agents.
     */
    public Optional<FollowUp> claimReminder(long ticketId) {
        Optional<FollowUp> found = followUps.find(ticketId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        FollowUp followUp = found.get();
        Instant now = now();
        if (!stillWaiting(get(ticketId), followUp) || followUp.remindAt() == null || followUp.remindedAt() != null
                || followUp.remindAt().isAfter(now.plusSeconds(1)) || !followUps.markReminded(ticketId, now)) {
            return Optional.empty();
        }
        return Optional.of(new FollowUp(followUp.ticketId(), followUp.followUpAt(), followUp.setBy(), followUp.setAt(),
                followUp.note(), followUp.remindAt(), now));
    }

    /**
     * Whether the wait set at {@code setAt} still holds: the same wait (not stopped or moved since),
     * the customer has not written since, agents still work the ticket. The reminder's last check,
     * made by the bot under the customer's lock right before it writes.
     */
    @Transactional(readOnly = true)
    public boolean waitHolds(long ticketId, Instant setAt) {
        return followUps.find(ticketId).filter(f -> f.setAt().equals(setAt)).filter(f -> stillWaiting(get(ticketId), f))
                .isPresent();
    }

    private static boolean stillWaiting(TicketView ticket, FollowUp followUp) {
        boolean worked = ticket.status() == TicketStatus.QUEUED || ticket.status() == TicketStatus.ASSIGNED;
        boolean answered = ticket.lastCustomerMessageAt() != null && ticket.lastCustomerMessageAt().isAfter(followUp.setAt());
        return worked && !answered;
    }

    /** The ticket's internal notes, oldest first, if the caller reaches it. */
    @Transactional(readOnly = true)
    public java.util.List<TicketNote> notes(long ticketId, TicketAccess access) {
        get(ticketId, access);
        return notes.of(ticketId);
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

    /** Gives a ticket that is not yet routed another topic, before routing reads it. */
    public TicketView changeTopic(long ticketId, Topic topic) {
        return change(ticketId, t -> t.changeTopic(topic, now()));
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

    /**
     * Routes as {@link #route(long, Function)} and starts the SLA clocks with the terms
     * {@code terms} gives for the ticket as placed (its policy, tier, priority, channel), all in
     * the one change that publishes {@link TicketRouted}, so the fact carries the due times.
     */
    public TicketView route(long ticketId, Function<TicketView, Placement> decide,
            Function<TicketView, SlaTerms> terms) {
        return change(ticketId, t -> t.route(decide.apply(t.view()), terms, now()));
    }

    /** An agent replied to the customer: response clocks stop, resolution waits for the customer. */
    public TicketView agentReplied(long ticketId) {
        return change(ticketId, t -> t.agentReplied(now()));
    }

    /**
     * Records the SLA warnings and breaches due by now ({@link TicketSlaWarning}, {@link TicketSlaBreached});
     * a ticket with nothing due is not written.
     */
    public TicketView checkSla(long ticketId) {
        Ticket ticket = load(ticketId);
        if (ticket.checkSla(now())) {
            tickets.update(ticket);
            publish(ticket);
        }
        return ticket.view();
    }

    /** Tickets whose SLA clocks have a warning or breach due by now, soonest first, at most {@code limit}. */
    @Transactional(readOnly = true)
    public java.util.List<Long> slaChecksDue(int limit) {
        return tickets.slaChecksDue(now(), limit);
    }

    public TicketView assign(long ticketId, String agent) {
        return change(ticketId, t -> t.assignTo(agent, now()));
    }

    /** The skills timeout passed: any agent of the queue may take the ticket now. */
    public TicketView openToWholeQueue(long ticketId) {
        return change(ticketId, t -> t.openToWholeQueue(now()));
    }

    /** The customer left while waiting: closed as abandoned ({@link TicketAbandoned}); 409 unless QUEUED. */
    public TicketView abandon(long ticketId) {
        return change(ticketId, t -> t.abandon(now()));
    }

    /**
     * Tickets waiting for an agent, in serving order (priority, then age), at most {@code limit}.
     */
    @Transactional(readOnly = true)
    public java.util.List<TicketView> waiting(int limit) {
        return tickets.waiting(limit).stream().map(Ticket::view).toList();
    }

    /** Tickets being worked (ASSIGNED) per agent and channel, counted in the database. */
    @Transactional(readOnly = true)
    public java.util.Map<String, java.util.Map<Channel, Integer>> assignedLoad(java.util.Collection<String> agents) {
        return tickets.assignedLoad(agents);
    }

    /** The tickets this agent holds (ASSIGNED). */
    @Transactional(readOnly = true)
    public java.util.List<TicketView> assignedTo(String agent) {
        return tickets.assignedTo(agent).stream().map(Ticket::view).toList();
    }

    /** The ticket's place in its queue while it waits for an agent; empty otherwise. */
    @Transactional(readOnly = true)
    public Optional<QueuePlace> queuePlace(long ticketId) {
        return tickets.findById(ticketId)
                .filter(t -> t.status() == TicketStatus.QUEUED && t.assignee() == null && t.queue() != null)
                .map(t -> place(t.queue(), (int) tickets.waitingAhead(t) + 1));
    }

    /**
     * Tells the first {@code kefu.queue.notice-depth} waiting tickets of these queues their places:
     * publishes {@link QueuePositionChanged} for each of {@code kefu.queue.told-channels} whose place
     * differs from the one last told.
     * (A ticket is told its place also when it starts waiting, by the change that queued it, and
     * forgotten when it stops.) Callers serialise it (the assignment lock), so each change is told once.
     */
    public void refreshQueuePositions(java.util.Collection<String> queues) {
        for (String queue : new java.util.TreeSet<>(queues)) {
            java.util.List<TicketRepository.Waiting> head = tickets.firstWaiting(queue, queueSettings.noticeDepth());
            java.util.Map<Long, Integer> told = tickets.toldPositions(head.stream().map(TicketRepository.Waiting::id).toList());
            // One ticket arriving ahead moves everyone behind it: their rows in one statement.
            java.util.Map<Long, Integer> moved = new java.util.LinkedHashMap<>();
            Rate rate = null;
            for (int i = 0; i < head.size(); i++) {
                TicketRepository.Waiting waiting = head.get(i);
                int position = i + 1;
                if (!toldPlaces(waiting.channel())) {
                    continue;
                }
                Integer before = told.get(waiting.id());
                if (before != null && before == position) {
                    continue;
                }
                rate = rate == null ? rate(queue) : rate;
                if (before == null) {
                    // told for the first time (moved into the told depth), as when a ticket starts waiting
                    tell(waiting.id(), waiting.channel(), queue, position, rate);
                } else {
                    moved.put(waiting.id(), position);
                    announce(waiting.id(), waiting.channel(), queue, position, false, rate);
                }
            }
            tickets.movePositions(queue, moved);
        }
    }

    /** Whether waiting customers of that channel are told their places ({@code kefu.queue.told-channels}). */
    private boolean toldPlaces(Channel channel) {
        return queueSettings.toldChannels().contains(channel);
    }

    private void tell(long ticketId, Channel channel, String queue, int position, Rate rate) {
        tickets.tellPosition(ticketId, queue, position);
        announce(ticketId, channel, queue, position, false, rate);
    }

    /** Publishes the place; {@code atLeast}: further back than places are told (nothing stored). */
    private void announce(long ticketId, Channel channel, String queue, int position, boolean atLeast, Rate rate) {
        events.publishEvent(new QueuePositionChanged(ticketId, channel, queue, position, rate.estimate(position), atLeast,
                now()));
    }

    private QueuePlace place(String queue, int position) {
        return new QueuePlace(position, rate(queue).estimate(position));
    }

    private Rate rate(String queue) {
        java.time.Duration window = queueSettings.estimateWindow();
        return new Rate(tickets.assignedSince(queue, now().minus(window)), window);
    }

    /** A queue's recent handling rate: assignments within the window. */
    private record Rate(long assignments, java.time.Duration window) {
        Long estimate(int position) {
            if (assignments == 0) {
                return null;
            }
            return (long) Math.ceil((double) position * window.toSeconds() / assignments);
        }
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

    /**
     * The customer wrote again; the message needs an answer, so the SLA clocks move with
     * {@code terms} (the ticket's policy terms): next response due, resolution resumed.
     */
    public TicketView noteCustomerMessage(long ticketId, Function<TicketView, SlaTerms> terms) {
        return change(ticketId, t -> t.noteCustomerMessage(terms.apply(t.view()), now()));
    }

    private TicketView change(long ticketId, Consumer<Ticket> intent) {
        Ticket ticket = load(ticketId);
        boolean wasWaiting = isWaiting(ticket);
        intent.accept(ticket);
        tickets.update(ticket);
        publish(ticket);
        boolean waiting = isWaiting(ticket);
        if (wasWaiting != waiting && toldPlaces(ticket.channel())) {
            if (waiting) {
                // it starts waiting (routed, given back): the customer is told where they stand at once,
                // counted as far as places are told (a count reads one index entry per ticket ahead)
                int depth = queueSettings.noticeDepth();
                long ahead = tickets.waitingAhead(ticket, depth);
                if (ahead < depth) {
                    tell(ticketId, ticket.channel(), ticket.queue(), (int) ahead + 1, rate(ticket.queue()));
                } else {
                    // further back than places are told: "more than depth ahead"; nothing stored, so
                    // the refresh tells the exact place once the ticket is among the first depth
                    announce(ticketId, ticket.channel(), ticket.queue(), depth + 1, true, rate(ticket.queue()));
                }
            } else {
                tickets.forgetPosition(ticketId);
            }
        }
        return ticket.view();
    }

    private static boolean isWaiting(Ticket ticket) {
        return ticket.status() == TicketStatus.QUEUED && ticket.assignee() == null && ticket.queue() != null;
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
