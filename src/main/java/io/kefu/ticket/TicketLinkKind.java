package io.kefu.ticket;

/** What a link between two tickets says, seen from one of them. */
public enum TicketLinkKind {
    /** An agent linked the two as related (the same order, the same outage). */
    RELATED,
    /** This ticket is the follow-up of the other: the customer wrote again after the other had closed. */
    FOLLOW_UP_OF,
    /** The other ticket is the follow-up of this one. */
    FOLLOWED_UP_BY
}
