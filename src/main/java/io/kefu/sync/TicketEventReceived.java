package io.kefu.sync;

/**
 * A back-office system sent a business event into a running ticket (the inbound webhook's
 * {@code ticket.event}): published in the transaction that records the event, so the lifecycle
 * correlates it as the BPMN message {@code name} and both commit together. The lifecycle throws
 * {@link TicketEventNotAwaited} when no process of the ticket waits for that message, which rolls
 * the transaction back: the event is refused, never dropped.
 *
 * @param ticketId the ticket (the business key of its processes)
 * @param name     the BPMN message name, e.g. {@code Msg_RefundCompleted}
 * @param dataJson the event's {@code data} object as JSON, or null
 */
public record TicketEventReceived(long ticketId, String name, String dataJson) {

    /** The process variable the event's {@code data} arrives in (JSON text). */
    public static final String VAR_DATA = "inboundEventData";
}
