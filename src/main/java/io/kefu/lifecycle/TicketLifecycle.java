package io.kefu.lifecycle;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.kefu.agent.AssignmentProperties;
import io.kefu.conversation.MessageReceived;
import io.kefu.intake.BotFeedbackGiven;
import io.kefu.ticket.TicketOpened;
import io.kefu.ticket.TicketStatus;
import io.kefu.triage.BotFeedbackReplies;

/**
 * Starts a {@code TicketLifecycle} instance for every opened ticket and correlates later customer
 * messages into it. Both run inside the transaction that stored the ticket or message, so the
 * process and the data commit together.
 */
@Component
class TicketLifecycle {

    private final RuntimeService runtime;
    private final BotFeedbackReplies feedbackReplies;
    private final String autoCloseAfter;
    private final String skillsTimeout;
    private final String sootheAfter;

    TicketLifecycle(RuntimeService runtime, BotFeedbackReplies feedbackReplies,
            @Value("${kefu.lifecycle.auto-close-after:P3D}") String autoCloseAfter, AssignmentProperties assignment,
            SootheProperties soothe) {
        this.runtime = runtime;
        this.feedbackReplies = feedbackReplies;
        this.autoCloseAfter = java.time.Duration.parse(autoCloseAfter).toString();
        this.skillsTimeout = assignment.skillsTimeout().toString();
        this.sootheAfter = soothe.after().toString();
    }

    @EventListener
    void ticketOpened(TicketOpened event) {
        runtime.startProcessInstanceByKey(TicketLifecycleProcess.PROCESS_ID, String.valueOf(event.ticketId()),
                Map.of(TicketLifecycleProcess.VAR_TICKET_ID, event.ticketId(),
                        TicketLifecycleProcess.VAR_AUTO_CLOSE_AFTER, autoCloseAfter,
                        TicketLifecycleProcess.VAR_SKILLS_TIMEOUT, skillsTimeout,
                        TicketLifecycleProcess.VAR_SOOTHE_AFTER, sootheAfter));
    }

    /**
     * A resolved ticket reopens; any other open ticket notes the message in its event sub-process.
     * While the bot waits for "did this solve it?", the message is also that answer: yes only when
     * it is a plain confirmation ({@code triage/bot-feedback.yaml}), otherwise an agent takes over.
     */
    @EventListener
    void customerWrote(MessageReceived event) {
        String ticketId = String.valueOf(event.ticketId());
        if (event.ticketStatus() == TicketStatus.RESOLVED) {
            runtime.createMessageCorrelation(TicketLifecycleProcess.MSG_CUSTOMER_REPLIED)
                    .processInstanceBusinessKey(ticketId).correlateWithResult();
            return;
        }
        runtime.createMessageCorrelation(TicketLifecycleProcess.MSG_CUSTOMER_MESSAGE)
                .processInstanceBusinessKey(ticketId).correlateWithResult();
        if (event.ticketStatus() == TicketStatus.BOT_ANSWERED) {
            correlateBotFeedback(ticketId, feedbackReplies.confirmsSolved(event.text()));
        }
    }

    /** The customer pressed the channel's "solved" or "not solved" button under the bot's answer. */
    @EventListener
    void botFeedbackGiven(BotFeedbackGiven event) {
        correlateBotFeedback(String.valueOf(event.ticketId()), event.solved());
    }

    /**
     * Correlates to every instance still waiting: a second reply that arrives before the first one
     * was acted on finds none and is only noted, instead of failing the customer's request.
     */
    private void correlateBotFeedback(String ticketId, boolean solved) {
        runtime.createMessageCorrelation(TicketLifecycleProcess.MSG_BOT_FEEDBACK)
                .processInstanceBusinessKey(ticketId)
                .setVariable(TicketLifecycleProcess.VAR_BOT_ANSWER_ACCEPTED, solved)
                .correlateAllWithResult();
    }
}
