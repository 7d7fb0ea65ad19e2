package io.kefu.workspace;

/** The ticket has no open agent task this agent may work on. */
public class TaskNotAvailableException extends RuntimeException {

    public TaskNotAvailableException(long ticketId, String reason) {
        super("Ticket " + ticketId + ": " + reason);
    }
}
