package io.kefu.lifecycle;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements {@code Task_SendBotAnswer}: sends the article and "did this solve it?", then sets
 * the feedback timer. An article deleted since it was found is the business error
 * {@code ArticleGone} ({@code BoundaryEvent_ArticleGone}: an agent takes the ticket).
 */
@Component("sendBotAnswerDelegate")
class SendBotAnswerDelegate implements JavaDelegate {

    private final BotSelfService bot;

    SendBotAnswerDelegate(BotSelfService bot) {
        this.bot = bot;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long articleId = ((Number) execution.getVariable(TicketLifecycleProcess.VAR_BOT_ARTICLE_ID)).longValue();
        if (!bot.sendAnswer(TicketVariables.ticketId(execution), articleId)) {
            throw new BpmnError(TicketLifecycleProcess.ERROR_ARTICLE_GONE, "article " + articleId + " is gone");
        }
        execution.setVariable(TicketLifecycleProcess.VAR_BOT_FEEDBACK_TIMEOUT, bot.feedbackTimeout().toString());
    }
}
