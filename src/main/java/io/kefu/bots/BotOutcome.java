package io.kefu.bots;

import java.util.Map;

/** How a bot step ended: done (completed with variables) or a business outcome the process models as a BPMN error. */
sealed interface BotOutcome {

    /** Completed; the variables go to the process. */
    record Done(Map<String, Object> variables) implements BotOutcome {
    }

    /** A business outcome ({@code handleBpmnError}): the process's error boundary event takes it. */
    record BusinessError(String errorCode, String message, Map<String, Object> variables) implements BotOutcome {
    }
}
