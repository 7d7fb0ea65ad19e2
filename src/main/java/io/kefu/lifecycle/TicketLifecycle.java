package io.kefu.lifecycle;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.kefu.conversation.MessageReceived;
import io.kefu.ticket.TicketEvent;

/**
 * Starts a {@code TicketLifecycle} instance for every opened ticket and correlates later customer
 * messages into it. Both run inside the transaction that stored the ticket or message, so the
 * process and the data commit together.
 */
@Component
class TicketLifecycle {

    private final RuntimeService runtime;
    private final String autoCloseAfter;

    TicketLifecycle(RuntimeService runtime, @Value("${kefu.lifecycle.auto-close-after:P3D}") String autoCloseAfter) {
        this.runtime = runtime;
        this.autoCloseAfter = java.time.Duration.parse(autoCloseAfter).toString();
    }

    @EventListener(condition = "#event.type == T(io.kefu.ticket.TicketEvent$Type).OPENED")
    void ticketOpened(TicketEvent event) {
        runtime.startProcessInstanceByKey(TicketLifecycleProcess.PROCESS_ID, String.valueOf(event.ticketId()),
                Map.of(TicketLifecycleProcess.VAR_TICKET_ID, event.ticketId(),
                        TicketLifecycleProcess.VAR_AUTO_CLOSE_AFTER, autoCloseAfter));
    }

    /** A resolved ticket reopens; any other open ticket notes the message in its event sub-process. */
    @EventListener
    void customerWrote(MessageReceived event) {
        String message = event.ticketIsResolved()
                ? TicketLifecycleProcess.MSG_CUSTOMER_REPLIED
                : TicketLifecycleProcess.MSG_CUSTOMER_MESSAGE;
        runtime.createMessageCorrelation(message)
                .processInstanceBusinessKey(String.valueOf(event.ticketId()))
                .correlateWithResult();
    }
}
