package io.kefu.lifecycle;

/**
 * The contract between {@code processes/TicketLifecycle.bpmn} and Java: every id, message name and
 * variable name the process and the code share. The process business key is the ticket id.
 */
public final class TicketLifecycleProcess {

    public static final String PROCESS_ID = "TicketLifecycle";

    public static final String TASK_TRIAGE = "Task_TriageTicket";
    public static final String TASK_ROUTE = "Task_RouteTicket";
    public static final String TASK_AGENT_WORK = "Task_AgentWork";
    public static final String TASK_MARK_RESOLVED = "Task_MarkResolved";
    public static final String TASK_CLOSE = "Task_CloseTicket";
    public static final String TASK_REOPEN = "Task_ReopenTicket";
    public static final String TASK_NOTE_CUSTOMER_MESSAGE = "Task_NoteCustomerMessage";
    public static final String GATEWAY_AWAIT_REPLY_OR_CLOSE = "Gateway_AwaitReplyOrClose";
    public static final String EVENT_AUTO_CLOSE_DUE = "Event_AutoCloseDue";
    public static final String EVENT_CUSTOMER_REPLIED = "Event_CustomerReplied";
    public static final String END_TICKET_CLOSED = "EndEvent_TicketClosed";

    /** A customer wrote on a ticket that is still being worked on (event sub-process). */
    public static final String MSG_CUSTOMER_MESSAGE = "CustomerMessage";
    /** A customer replied to a resolved ticket: it reopens. */
    public static final String MSG_CUSTOMER_REPLIED = "CustomerReplied";

    public static final String VAR_TICKET_ID = "ticketId";
    public static final String VAR_AUTO_CLOSE_AFTER = "autoCloseAfter";
    public static final String VAR_TOPIC = "topic";
    public static final String VAR_QUEUE = "queue";
    public static final String VAR_PRIORITY = "priority";

    private TicketLifecycleProcess() {
    }
}
