package io.kefu.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Implements {@code Task_FindKnowledgeAnswer}: looks for a knowledge-base answer the bot can give.
 * Sets {@code botArticleId} only when there is one, so tickets the bot leaves alone carry no extra
 * variable.
 */
@Component("findKnowledgeAnswerDelegate")
class FindKnowledgeAnswerDelegate implements JavaDelegate {

    private final BotSelfService bot;

    FindKnowledgeAnswerDelegate(BotSelfService bot) {
        this.bot = bot;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long ticketId = TicketVariables.ticketId(execution);
        TicketVariables.handedOn(execution)
                .map(triaged -> bot.answerFor(triaged.text(), triaged.classification()))
                .orElseGet(() -> bot.answerFor(ticketId)).ifPresent(answer ->
                execution.setVariable(TicketLifecycleProcess.VAR_BOT_ARTICLE_ID, answer.articleId()));
    }
}
