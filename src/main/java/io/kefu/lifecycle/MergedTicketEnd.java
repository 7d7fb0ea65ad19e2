package io.kefu.lifecycle;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.kefu.ticket.TicketMerged;

/**
 * A ticket merged into another ends its lifecycle with the merge, in the same transaction, as an
 * abandoned one does: the instance is deleted (reason "merged into #N"), so no timer, SLA escalation
 * or agent task of it is left; the ticket it went into goes on in its own instance.
 */
@Component
class MergedTicketEnd {

    private final RuntimeService runtime;

    MergedTicketEnd(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @EventListener
    void on(TicketMerged merged) {
        for (ProcessInstance instance : runtime.createProcessInstanceQuery()
                .processDefinitionKey(TicketLifecycleProcess.PROCESS_ID)
                .processInstanceBusinessKey(String.valueOf(merged.ticketId())).list()) {
            runtime.deleteProcessInstance(instance.getId(), "merged into #" + merged.intoTicketId());
        }
    }
}
