package io.kefu.lifecycle;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.kefu.sync.TicketEventNotAwaited;
import io.kefu.sync.TicketEventReceived;

/**
 * Correlates a back-office system's business event ({@code ticket.event} of the inbound webhook,
 * e.g. the ERP's {@code Msg_RefundCompleted}) as a BPMN message into the ticket's processes, in the
 * transaction that records the event. Only a message one of the ticket's process instances waits
 * for now is accepted, and never one of the customer's own ({@code CustomerMessage},
 * {@code CustomerReplied}, {@code BotFeedback}) nor the agents' {@code WaitForCustomer}: anything
 * else is refused, so the sender learns it.
 */
@Component
class InboundTicketEvents {

    private static final Set<String> CUSTOMER_ONLY = Set.of(TicketLifecycleProcess.MSG_CUSTOMER_MESSAGE,
            TicketLifecycleProcess.MSG_CUSTOMER_REPLIED, TicketLifecycleProcess.MSG_BOT_FEEDBACK,
            TicketLifecycleProcess.MSG_WAIT_FOR_CUSTOMER);

    private final RuntimeService runtime;

    InboundTicketEvents(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @EventListener
    void received(TicketEventReceived event) {
        String ticketId = String.valueOf(event.ticketId());
        // One count on the way in; the whole list of what is awaited only to explain a refusal.
        boolean isAwaited = !CUSTOMER_ONLY.contains(event.name()) && runtime.createExecutionQuery()
                .processInstanceBusinessKey(ticketId).messageEventSubscriptionName(event.name()).count() > 0;
        if (!isAwaited) {
            throw new TicketEventNotAwaited(event.ticketId(), event.name(), awaited(ticketId));
        }
        MessageCorrelationBuilder correlation = runtime.createMessageCorrelation(event.name())
                .processInstanceBusinessKey(ticketId);
        if (event.dataJson() != null) {
            // One variable holding the sender's data as JSON text: its keys never overwrite the process's own variables.
            correlation.setVariable(TicketEventReceived.VAR_DATA, event.dataJson());
        }
        correlation.correlateAllWithResult();
    }

    /** The message names the ticket's running process instances subscribe to, minus the customer's. */
    private Set<String> awaited(String ticketId) {
        List<String> instances = runtime.createProcessInstanceQuery().processInstanceBusinessKey(ticketId).list()
                .stream().map(ProcessInstance::getId).toList();
        Set<String> names = new TreeSet<>();
        for (String instance : instances) {
            runtime.createEventSubscriptionQuery().processInstanceId(instance).eventType("message").list().stream()
                    .map(EventSubscription::getEventName).filter(name -> !CUSTOMER_ONLY.contains(name))
                    .forEach(names::add);
        }
        return names;
    }
}
