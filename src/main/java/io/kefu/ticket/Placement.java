package io.kefu.ticket;

import java.util.Objects;

/** Where routing puts a ticket: its queue and priority. */
public record Placement(String queue, Priority priority) {

    public Placement {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(priority, "priority");
    }
}
