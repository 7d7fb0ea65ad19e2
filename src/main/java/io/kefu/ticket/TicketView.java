package io.kefu.ticket;

import java.time.Instant;

import io.kefu.customer.CustomerTier;

/**
 * Read-only snapshot of a ticket, as APIs, pages, events and integrations see it.
 * {@code classification} is null until triage ran; {@code botArticleId} names the knowledge-base
 * article the bot answered with, if it did; {@code resolvedBy} is set while the ticket is resolved.
 * {@code requiredSkills} (sorted), {@code sla} and {@code routing} come from the last routing.
 * {@code assignedAt} is when the current (or last) agent took it; {@code skillsTimedOutAt} when the
 * skills timeout opened it to any agent of its queue; {@code abandonedAt} when the customer left
 * while waiting.
 */
public record TicketView(
        Long id,
        TicketStatus status,
        String queue,
        Priority priority,
        Topic topic,
        Channel channel,
        long customerId,
        String customerExternalId,
        CustomerTier customerTier,
        long conversationId,
        String assignee,
        int reopenCount,
        Instant createdAt,
        Instant updatedAt,
        Instant resolvedAt,
        Instant closedAt,
        Instant lastCustomerMessageAt,
        Classification classification,
        Long botArticleId,
        Resolver resolvedBy,
        java.util.SortedSet<String> requiredSkills,
        TicketSla sla,
        RoutingTrace routing,
        Instant assignedAt,
        Instant skillsTimedOutAt,
        Instant abandonedAt) {
}
