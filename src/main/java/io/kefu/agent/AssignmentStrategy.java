package io.kefu.agent;

/** How a queue picks among the agents who may take a ticket. */
public enum AssignmentStrategy {
    /** The agent holding the fewest tickets of the ticket's kind of work; ties: the longest idle. */
    LEAST_LOADED,
    /** The next agent after the one the queue gave a ticket to last, in user-id order. */
    ROUND_ROBIN
}
