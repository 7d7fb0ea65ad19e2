package io.kefu.ticket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiFunction;

import io.kefu.customer.CustomerTier;

/**
 * The ticket aggregate. State changes only through intent methods, each of which checks that the
 * current status allows it and records the fact it made true (a {@link TicketChanged} record such as
 * {@link TicketRouted}) for the service to publish.
 */
public final class Ticket {

    private final Long id;
    private final long customerId;
    private final String customerExternalId;
    private final CustomerTier customerTier;
    private final long conversationId;
    private final Channel channel;
    private final Instant createdAt;
    private TicketStatus status;
    private Topic topic;
    private String queue;
    private Priority priority;
    private String assignee;
    private int reopenCount;
    private Instant lastCustomerMessageAt;
    private Instant updatedAt;
    private Instant resolvedAt;
    private Instant closedAt;
    private Classification classification;
    private Long botArticleId;
    private Resolver resolvedBy;
    private SortedSet<String> requiredSkills;
    private String slaPolicy;
    private RoutingTrace routing;
    private SlaState sla;
    private Instant assignedAt;
    private Instant skillsTimedOutAt;
    private Instant abandonedAt;
    private int version;
    private final List<TicketChanged> pendingEvents = new ArrayList<>();

    private Ticket(Long id, long customerId, String customerExternalId, CustomerTier customerTier, long conversationId,
            Channel channel,
            TicketStatus status, Topic topic, String queue, Priority priority, String assignee, int reopenCount,
            Instant lastCustomerMessageAt, Instant createdAt, Instant updatedAt, Instant resolvedAt,
            Instant closedAt, Classification classification, Long botArticleId, Resolver resolvedBy,
            Set<String> requiredSkills, String slaPolicy, RoutingTrace routing, SlaState sla, Instant assignedAt,
            Instant skillsTimedOutAt, Instant abandonedAt, int version) {
        this.id = id;
        this.customerId = customerId;
        this.customerExternalId = Objects.requireNonNull(customerExternalId);
        this.customerTier = Objects.requireNonNull(customerTier);
        this.conversationId = conversationId;
        this.channel = Objects.requireNonNull(channel);
        this.status = Objects.requireNonNull(status);
        this.topic = topic;
        this.queue = queue;
        this.priority = Objects.requireNonNull(priority);
        this.assignee = assignee;
        this.reopenCount = reopenCount;
        this.lastCustomerMessageAt = lastCustomerMessageAt;
        this.createdAt = Objects.requireNonNull(createdAt);
        this.updatedAt = Objects.requireNonNull(updatedAt);
        this.resolvedAt = resolvedAt;
        this.closedAt = closedAt;
        this.classification = classification;
        this.botArticleId = botArticleId;
        this.resolvedBy = resolvedBy;
        this.requiredSkills = new TreeSet<>(requiredSkills);
        this.slaPolicy = slaPolicy;
        this.routing = Objects.requireNonNull(routing);
        this.sla = Objects.requireNonNull(sla);
        this.assignedAt = assignedAt;
        this.skillsTimedOutAt = skillsTimedOutAt;
        this.abandonedAt = abandonedAt;
        this.version = version;
    }

    /** A new ticket, not yet stored; the topic may already be known when the channel sent one. */
    static Ticket open(long customerId, String customerExternalId, CustomerTier customerTier, long conversationId,
            Channel channel, Topic explicitTopic, Instant now) {
        return new Ticket(null, customerId, customerExternalId, customerTier, conversationId, channel, TicketStatus.NEW,
                explicitTopic, null, Priority.NORMAL, null, 0, now, now, now, null, null, null, null, null, Set.of(), null,
                RoutingTrace.of(List.of(), null), SlaState.NONE, null, null, null, 0);
    }

    /** Rebuilds a stored ticket; used by the repository only. */
    static Ticket restore(long id, long customerId, String customerExternalId, CustomerTier customerTier,
            long conversationId, Channel channel,
            TicketStatus status, Topic topic, String queue, Priority priority, String assignee, int reopenCount,
            Instant lastCustomerMessageAt, Instant createdAt, Instant updatedAt, Instant resolvedAt,
            Instant closedAt, Classification classification, Long botArticleId, Resolver resolvedBy,
            Set<String> requiredSkills, String slaPolicy, RoutingTrace routing, SlaState sla, Instant assignedAt,
            Instant skillsTimedOutAt, Instant abandonedAt, int version) {
        return new Ticket(id, customerId, customerExternalId, customerTier, conversationId, channel, status, topic,
                queue, priority,
                assignee, reopenCount, lastCustomerMessageAt, createdAt, updatedAt, resolvedAt, closedAt,
                classification, botArticleId, resolvedBy, requiredSkills, slaPolicy, routing, sla, assignedAt,
                skillsTimedOutAt, abandonedAt, version);
    }

    /**
     * Triage decided what the ticket is about and how the customer sounds (an explicit topic from
     * the channel is kept).
     */
    void classify(Topic detected, Classification found, Instant now) {
        requireStatus("classified", TicketStatus.NEW, TicketStatus.QUEUED);
        if (topic == null) {
            topic = detected;
        }
        classification = Objects.requireNonNull(found);
        touch(now);
    }

    /** The ticket's topic is now {@code changed} (e.g. a refund the bots could not finish goes to billing). */
    void changeTopic(Topic changed, Instant now) {
        requireStatus("given another topic", TicketStatus.NEW);
        topic = Objects.requireNonNull(changed);
        touch(now);
    }

    /**
     * The bot answered the customer from a knowledge-base article and asked whether it solved the
     * issue; the ticket waits for the customer's verdict instead of an agent.
     */
    void answerByBot(long articleId, Instant now) {
        requireStatus("answered by the bot", TicketStatus.NEW);
        botArticleId = articleId;
        status = TicketStatus.BOT_ANSWERED;
        touch(now);
        record(TicketBotAnswered::new, now);
    }

    /**
     * Resolved without an agent: the customer accepted the bot's answer (BOT_ANSWERED), or the
     * refund bots finished the refund before the ticket was ever queued (NEW).
     */
    void resolveByBot(Instant now) {
        requireStatus("resolved by the bot", TicketStatus.BOT_ANSWERED, TicketStatus.NEW);
        status = TicketStatus.RESOLVED;
        resolvedBy = Resolver.BOT;
        resolvedAt = now;
        sla = sla.stopped();
        touch(now);
        record(TicketResolved::new, now);
    }

    /**
     * Routing placed the ticket in a queue with a priority; it now waits for an agent. A ticket
     * the bot answered is routed when the customer needs a human after all.
     */
    void route(Placement placement, Instant now) {
        route(placement, view -> null, now);
    }

    /**
     * Routing as above, and the SLA clocks start with the terms of the placement's policy
     * ({@code terms} sees the ticket as placed; null terms start no clock).
     */
    void route(Placement placement, java.util.function.Function<TicketView, SlaTerms> terms, Instant now) {
        requireStatus("routed", TicketStatus.NEW, TicketStatus.QUEUED, TicketStatus.BOT_ANSWERED);
        queue = placement.queue();
        priority = placement.priority();
        requiredSkills = new TreeSet<>(placement.requiredSkills());
        slaPolicy = placement.slaPolicy();
        routing = RoutingTrace.of(placement.rules(), placement.explanation());
        status = TicketStatus.QUEUED;
        assignee = null;
        SlaTerms chosen = terms.apply(view());
        sla = chosen == null ? new SlaState(null, null, null, null, null, sla.warnings(), sla.breaches())
                : sla.start(chosen, now);
        assignedAt = null;
        skillsTimedOutAt = null;
        touch(now);
        record(TicketRouted::new, now);
    }

    /** An agent took the ticket. Claiming one's own ticket again changes nothing. */
    void assignTo(String agent, Instant now) {
        requireStatus("assigned", TicketStatus.QUEUED, TicketStatus.ASSIGNED);
        if (agent.equals(assignee) && status == TicketStatus.ASSIGNED) {
            return;
        }
        assignee = Objects.requireNonNull(agent);
        status = TicketStatus.ASSIGNED;
        assignedAt = now;
        touch(now);
        record(TicketAssigned::new, now);
    }

    /**
     * Someone moved the ticket to another queue: it waits there for an agent (no assignee), with
     * its priority, skills and SLA clocks unchanged.
     */
    void transferTo(String toQueue, String by, String note, Instant now) {
        requireStatus("transferred", TicketStatus.QUEUED, TicketStatus.ASSIGNED);
        Objects.requireNonNull(toQueue);
        if (toQueue.equals(queue)) {
            throw new InvalidTicketActionException("queue", "the ticket is already in queue " + toQueue);
        }
        String fromQueue = queue;
        String fromAssignee = assignee;
        queue = toQueue;
        assignee = null;
        assignedAt = null;
        status = TicketStatus.QUEUED;
        touch(now);
        record((view, at) -> new TicketTransferred(view, fromQueue, fromAssignee, by, note, at), now);
    }

    /** Someone changed the priority; the serving order of the queue follows. The same one again changes nothing. */
    void changePriority(Priority newPriority, String by, Instant now) {
        requireStatus("given another priority", TicketStatus.NEW, TicketStatus.BOT_ANSWERED, TicketStatus.QUEUED,
                TicketStatus.ASSIGNED);
        Objects.requireNonNull(newPriority);
        if (newPriority == priority) {
            return;
        }
        Priority previous = priority;
        priority = newPriority;
        touch(now);
        record((view, at) -> new TicketPriorityChanged(view, previous, by, at), now);
    }

    /** The agent gave the ticket back to its queue. */
    void release(Instant now) {
        if (status != TicketStatus.ASSIGNED) {
            return;
        }
        assignee = null;
        assignedAt = null;
        status = TicketStatus.QUEUED;
        touch(now);
        record(TicketUnassigned::new, now);
    }

    /**
     * The skills timeout passed while the ticket waited: any agent of the queue with room may take
     * it now, whatever skills and language routing asked for. Not a fact of its own (the assignment
     * that follows is); changes nothing once the ticket no longer waits for an agent.
     */
    void openToWholeQueue(Instant now) {
        if ((status != TicketStatus.QUEUED && status != TicketStatus.ASSIGNED) || skillsTimedOutAt != null) {
            return;
        }
        skillsTimedOutAt = now;
        touch(now);
    }

    /**
     * The customer left while waiting for an agent (the channel reported it): the ticket stops
     * waiting and is closed as abandoned; a later message opens a new ticket.
     */
    void abandon(Instant now) {
        requireStatus("abandoned (only a ticket waiting for an agent can be)", TicketStatus.QUEUED);
        status = TicketStatus.CLOSED;
        abandonedAt = now;
        closedAt = now;
        touch(now);
        record(TicketAbandoned::new, now);
    }

    /** The customer's issue is solved. */
    void resolve(Instant now) {
        requireStatus("resolved", TicketStatus.QUEUED, TicketStatus.ASSIGNED);
        status = TicketStatus.RESOLVED;
        resolvedBy = Resolver.AGENT;
        resolvedAt = now;
        sla = sla.stopped();
        touch(now);
        record(TicketResolved::new, now);
    }

    /** The customer replied to a resolved ticket: it goes back to routing. */
    void reopen(Instant now) {
        requireStatus("reopened", TicketStatus.RESOLVED);
        status = TicketStatus.NEW;
        reopenCount++;
        lastCustomerMessageAt = now;
        resolvedAt = null;
        resolvedBy = null;
        assignee = null;
        touch(now);
        record(TicketReopened::new, now);
    }

    /**
     * Merged into another ticket that goes on with the conversation: closed (its SLA clocks stop),
     * whatever it was doing; {@link TicketMerged} names the other ticket.
     */
    void mergeInto(long intoTicketId, String by, Instant now) {
        requireStatus("merged (it is closed)", TicketStatus.NEW, TicketStatus.BOT_ANSWERED, TicketStatus.QUEUED,
                TicketStatus.ASSIGNED, TicketStatus.RESOLVED);
        status = TicketStatus.CLOSED;
        assignee = null;
        closedAt = now;
        sla = sla.stopped();
        touch(now);
        record((view, at) -> new TicketMerged(view, intoTicketId, by, at), now);
    }

    /** Final close, after resolution. */
    void close(Instant now) {
        requireStatus("closed", TicketStatus.RESOLVED);
        status = TicketStatus.CLOSED;
        closedAt = now;
        touch(now);
        record(TicketClosed::new, now);
    }

    /**
     * The bot sent the waiting customer a soothing message: a fact for the CRM and the channels,
     * not a change of status (the ticket keeps waiting in its queue).
     */
    void sootheCustomer(String variant, long messageId, Instant now) {
        requireStatus("soothed", TicketStatus.QUEUED);
        Objects.requireNonNull(variant);
        touch(now);
        record((view, at) -> new TicketCustomerSoothed(view, variant, messageId, at), now);
    }

    /** The customer wrote again on this ticket. Not a state change, so no event. */
    void noteCustomerMessage(Instant at) {
        noteCustomerMessage(null, at);
    }

    /**
     * The customer wrote again; while the ticket is with an agent the message needs an answer: the
     * next-response clock starts (after a first reply) and a paused resolution clock resumes.
     */
    void noteCustomerMessage(SlaTerms terms, Instant at) {
        if (!status.isOpen()) {
            throw new IllegalTicketStateException(requireId(), status, "written to");
        }
        lastCustomerMessageAt = at;
        if (terms != null && withAgents()) {
            sla = sla.customerWrote(terms, at);
        }
        touch(at);
    }

    /**
     * An agent replied to the customer: the first-response and next-response clocks stop and the
     * resolution clock pauses until the customer writes. Not a fact of its own (the reply is the
     * conversation's).
     */
    void agentReplied(Instant now) {
        requireStatus("replied to", TicketStatus.QUEUED, TicketStatus.ASSIGNED);
        sla = sla.agentReplied(now);
        touch(now);
    }

    /**
     * Records the SLA warnings and breaches due by {@code now}: one {@link TicketSlaWarning} or
     * {@link TicketSlaBreached} each, never twice for one target and due time. Only while the
     * ticket waits for or is with an agent; otherwise nothing happens.
     *
     * @return whether anything was recorded
     */
    boolean checkSla(Instant now) {
        if (!withAgents()) {
            return false;
        }
        List<SlaFinding> found = new ArrayList<>();
        SlaState checked = sla.check(now, (target, due) -> found.add(new SlaFinding(true, target, due)),
                (target, due) -> found.add(new SlaFinding(false, target, due)));
        if (found.isEmpty()) {
            return false;
        }
        sla = checked;
        touch(now);
        for (SlaFinding f : found) {
            if (f.warning()) {
                record((view, at) -> new TicketSlaWarning(view, f.target(), f.due(), at), now);
            } else {
                record((view, at) -> new TicketSlaBreached(view, f.target(), f.due(), at), now);
            }
        }
        return true;
    }

    private record SlaFinding(boolean warning, SlaTarget target, Instant due) {
    }

    private boolean withAgents() {
        return status == TicketStatus.QUEUED || status == TicketStatus.ASSIGNED;
    }

    /** Records the opening event once the id is known. */
    Ticket opened(long newId) {
        Ticket stored = restore(newId, customerId, customerExternalId, customerTier, conversationId, channel, status,
                topic, queue, priority, assignee, reopenCount, lastCustomerMessageAt, createdAt, updatedAt, resolvedAt,
                closedAt, classification, botArticleId, resolvedBy, requiredSkills, slaPolicy, routing, sla,
                assignedAt, skillsTimedOutAt, abandonedAt, version);
        stored.record(TicketOpened::new, createdAt);
        return stored;
    }

    private void requireStatus(String intent, TicketStatus... allowed) {
        for (TicketStatus candidate : allowed) {
            if (status == candidate) {
                return;
            }
        }
        throw new IllegalTicketStateException(requireId(), status, intent);
    }

    private long requireId() {
        return id == null ? -1 : id;
    }

    private void touch(Instant now) {
        updatedAt = now;
    }

    private void record(BiFunction<TicketView, Instant, TicketChanged> fact, Instant at) {
        pendingEvents.add(fact.apply(view(), at));
    }

    /** The facts recorded since the last call, oldest first; the service publishes them. */
    List<TicketChanged> drainEvents() {
        List<TicketChanged> events = List.copyOf(pendingEvents);
        pendingEvents.clear();
        return events;
    }

    void stored() {
        version++;
    }

    /** An immutable snapshot for APIs, events and pages. */
    public TicketView view() {
        return new TicketView(id, status, queue, priority, topic, channel, customerId, customerExternalId,
                customerTier, conversationId, assignee, reopenCount, createdAt, updatedAt, resolvedAt, closedAt,
                lastCustomerMessageAt, classification, botArticleId, resolvedBy,
                Collections.unmodifiableSortedSet(new TreeSet<>(requiredSkills)), sla.view(slaPolicy),
                routing, assignedAt, skillsTimedOutAt, abandonedAt);
    }

    public Long id() { return id; }
    public long customerId() { return customerId; }
    public String customerExternalId() { return customerExternalId; }
    public CustomerTier customerTier() { return customerTier; }
    public long conversationId() { return conversationId; }
    public Channel channel() { return channel; }
    public TicketStatus status() { return status; }
    public Topic topic() { return topic; }
    public String queue() { return queue; }
    public Priority priority() { return priority; }
    public String assignee() { return assignee; }
    public int reopenCount() { return reopenCount; }
    public Instant lastCustomerMessageAt() { return lastCustomerMessageAt; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public Instant resolvedAt() { return resolvedAt; }
    public Instant closedAt() { return closedAt; }
    public Classification classification() { return classification; }
    public Long botArticleId() { return botArticleId; }
    public Resolver resolvedBy() { return resolvedBy; }
    public SortedSet<String> requiredSkills() { return Collections.unmodifiableSortedSet(requiredSkills); }
    public String slaPolicy() { return slaPolicy; }
    public List<String> routingRules() { return routing.rules(); }
    /** Why the last routing decided as it did, one sentence per part; null before routing. */
    public String routingExplanation() { return routing.explanation(); }
    SlaState sla() { return sla; }
    /** When the SLA watch must look at this ticket next; null when no clock runs. */
    Instant slaCheckAt() { return withAgents() ? sla.nextCheckAt() : null; }
    public Instant assignedAt() { return assignedAt; }
    public Instant skillsTimedOutAt() { return skillsTimedOutAt; }
    public Instant abandonedAt() { return abandonedAt; }
    int version() { return version; }
}
