package io.kefu.lifecycle;

import org.camunda.bpm.engine.delegate.VariableScope;

/** Typed access to the process variables delegates read. */
final class TicketVariables {

    private TicketVariables() {
    }

    static long ticketId(VariableScope scope) {
        Object value = scope.getVariable(TicketLifecycleProcess.VAR_TICKET_ID);
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new IllegalStateException("Process variable '" + TicketLifecycleProcess.VAR_TICKET_ID
                + "' is missing or not a number: " + value);
    }
}
