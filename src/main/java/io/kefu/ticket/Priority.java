package io.kefu.ticket;

/** Ticket priority, lowest first. */
public enum Priority {
    LOW, NORMAL, HIGH, URGENT
}
