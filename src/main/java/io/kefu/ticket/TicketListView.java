package io.kefu.ticket;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The saved views of the ticket list, each a filter on top of the caller's {@link TicketAccess}:
 * an agent's {@link #ALL} is every ticket they reach, a supervisor's every ticket.
 */
public enum TicketListView {
    /** Assigned to the caller and not resolved yet. */
    MINE("mine"),
    /** Open tickets of the caller's queues (for a supervisor without queues: every open ticket). */
    MY_QUEUES("my-queues"),
    /** Waiting in a queue for an agent. */
    UNASSIGNED("unassigned"),
    /**
     * Open, and the last word is the service's: the bot's answer or an agent's reply awaits the
     * customer, or an agent waits for the customer's answer until a follow-up time.
     */
    WAITING_FOR_CUSTOMER("waiting-for-customer"),
    RESOLVED("resolved"),
    CLOSED("closed"),
    ALL("all");

    private final String key;

    TicketListView(String key) {
        this.key = key;
    }

    /** How the view is named in URLs ({@code view=my-queues}) and message keys. */
    public String key() {
        return key;
    }

    public static Optional<TicketListView> parse(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String wanted = key.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.key.equals(wanted)).findFirst();
    }
}
