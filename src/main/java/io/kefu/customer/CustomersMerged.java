package io.kefu.customer;

import java.time.Instant;

/**
 * Customer {@code fromId} was merged into {@code intoId} ({@link CustomerService#merge}), published
 * in the merging transaction after the customer rows changed: every module moves what it keeps of
 * the first customer to the second in that transaction (conversations and their message numbers,
 * tickets, web visitors, messenger contacts), so a merge is whole or not at all.
 *
 * @param fromExternalId the merged customer's external id, which now stands for {@code intoId}
 */
public record CustomersMerged(long intoId, long fromId, String fromExternalId, Instant occurredAt) {
}
