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
    private List<String> routingRules;
    private int version;
    private final List<TicketChanged> pendingEvents = new ArrayList<>();

    private Ticket(Long id, long customerId, String customerExternalId, CustomerTier customerTier, long conversationId,
            Channel channel,
            TicketStatus status, Topic topic, String queue, Priority priority, String assignee, int reopenCount,
            Instant lastCustomerMessageAt, Instant createdAt, Instant updatedAt, Instant resolvedAt,
            Instant closedAt, Classification classification, Long botArticleId, Resolver resolvedBy,
            Set<String> requiredSkills, String slaPolicy, List<String> routingRules, int version) {
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
        this.routingRules = List.copyOf(routingRules);
        this.version = version;
    }

    /** A new ticket, not yet stored; the topic may already be known when the channel sent one. */
    static Ticket open(long customerId, String customerExternalId, CustomerTier customerTier, long conversationId,
            Channel channel, Topic explicitTopic, Instant now) {
        return new Ticket(null, customerId, customerExternalId, customerTier, conversationId, channel, TicketStatus.NEW,
                explicitTopic, null, Priority.NORMAL, null, 0, now, now, now, null, null, null, null, null, Set.of(), null,
                List.of(), 0);
    }

    /** Rebuilds a stored ticket; used by the repository only. */
    static Ticket restore(long id, long customerId, String customerExternalId, CustomerTier customerTier,
            long conversationId, Channel channel,
            TicketStatus status, Topic topic, String queue, Priority priority, String assignee, int reopenCount,
            Instant lastCustomerMessageAt, Instant createdAt, Instant updatedAt, Instant resolvedAt,
            Instant closedAt, Classification classification, Long botArticleId, Resolver resolvedBy,
            Set<String> requiredSkills, String slaPolicy, List<String> routingRules, int version) {
        return new Ticket(id, customerId, customerExternalId, customerTier, conversationId, channel, status, topic,
                queue, priority,
                assignee, reopenCount, lastCustomerMessageAt, createdAt, updatedAt, resolvedAt, closedAt,
                classification, botArticleId, resolvedBy, requiredSkills, slaPolicy, routingRules, version);
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

    /** The customer confirmed the bot's answer solved the issue: resolved without an agent. */
    void resolveByBot(Instant now) {
        requireStatus("resolved by the bot", TicketStatus.BOT_ANSWERED);
        status = TicketStatus.RESOLVED;
        resolvedBy = Resolver.BOT;
        resolvedAt = now;
        touch(now);
        record(TicketResolved::new, now);
    }

    /**
     * Routing placed the ticket in a queue with a priority; it now waits for an agent. A ticket
     * the bot answered is routed when the customer needs a human after all.
     */
    void route(Placement placement, Instant now) {
        requireStatus("routed", TicketStatus.NEW, TicketStatus.QUEUED, TicketStatus.BOT_ANSWERED);
        queue = placement.queue();
        priority = placement.priority();
        requiredSkills = new TreeSet<>(placement.requiredSkills());
        slaPolicy = placement.slaPolicy();
        routingRules = placement.rules();
        status = TicketStatus.QUEUED;
        assignee = null;
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
        touch(now);
        record(TicketAssigned::new, now);
    }

    /** The agent gave the ticket back to its queue. */
    void release(Instant now) {
        if (status != TicketStatus.ASSIGNED) {
            return;
        }
        assignee = null;
        status = TicketStatus.QUEUED;
        touch(now);
        record(TicketUnassigned::new, now);
    }

    /** The customer's issue is solved. */
    void resolve(Instant now) {
        requireStatus("resolved", TicketStatus.QUEUED, TicketStatus.ASSIGNED);
        status = TicketStatus.RESOLVED;
        resolvedBy = Resolver.AGENT;
        resolvedAt = now;
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
        if (!status.isOpen()) {
            throw new IllegalTicketStateException(requireId(), status, "written to");
        }
        lastCustomerMessageAt = at;
        touch(at);
    }

    /** Records the opening event once the id is known. */
    Ticket opened(long newId) {
        Ticket stored = restore(newId, customerId, customerExternalId, customerTier, conversationId, channel, status,
                topic, queue, priority, assignee, reopenCount, lastCustomerMessageAt, createdAt, updatedAt, resolvedAt,
                closedAt, classification, botArticleId, resolvedBy, requiredSkills, slaPolicy, routingRules, version);
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
                Collections.unmodifiableSortedSet(new TreeSet<>(requiredSkills)), new TicketSla(slaPolicy),
                RoutingTrace.of(routingRules));
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
    public List<String> routingRules() { return routingRules; }
    int version() { return version; }
}
