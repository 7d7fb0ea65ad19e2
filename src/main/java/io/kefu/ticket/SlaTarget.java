package io.kefu.ticket;

/** The three promises of an SLA policy: the first agent reply, each later reply, resolution. */
public enum SlaTarget {
    FIRST_RESPONSE, NEXT_RESPONSE, RESOLUTION
}
