package io.kefu.lifecycle;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import io.kefu.conversation.ConversationService;
import io.kefu.knowledge.Article;
import io.kefu.knowledge.ArticleNotFoundException;
import io.kefu.knowledge.KnowledgeAnswer;
import io.kefu.knowledge.KnowledgeService;
import io.kefu.routing.TicketRouting;
import io.kefu.ticket.Classification;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketView;

/**
 * The bot's self-service step: whether a new ticket gets a knowledge-base answer, and sending it.
 * Joins triage's facts on the ticket, the knowledge base and the conversation.
 */
@Component
class BotSelfService {

    /** Author name of the bot's messages in the transcript. */
    static final String BOT_AUTHOR = "bot";

    private final BotProperties settings;
    private final TicketRouting routing;
    private final KnowledgeService knowledge;
    private final TicketService tickets;
    private final ConversationService conversations;
    private final MessageSource messages;
    private final CustomerMessageText texts;

    BotSelfService(BotProperties settings, TicketRouting routing, KnowledgeService knowledge, TicketService tickets,
            ConversationService conversations, MessageSource messages, CustomerMessageText texts) {
        this.texts = texts;
        this.settings = settings;
        this.routing = routing;
        this.knowledge = knowledge;
        this.tickets = tickets;
        this.conversations = conversations;
        this.messages = messages;
    }

    /**
     * The article the bot answers this ticket with: the best published match for the first
     * message as triage read it ({@link CustomerMessageText}: an e-mail without its quoted history,
     * with the text read in its images) when its score clears the threshold, unless the bot is off or the customer asked
     * for a person, complains or sounds strongly negative.
     */
    Optional<KnowledgeAnswer> answerFor(long ticketId) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        Classification triage = tickets.get(ticketId).classification();
        if (handsOver(triage)) {
            return Optional.empty();
        }
        return conversations.firstInbound(ticketId).flatMap(message -> answerFor(texts.of(message, null), triage));
    }

    /**
     * The same decision for a first message and triage's facts already at hand (triage hands them
     * on within its transaction), without reading the ticket again.
     */
    Optional<KnowledgeAnswer> answerFor(String question, Classification triage) {
        if (!settings.enabled() || handsOver(triage) || question == null || question.isBlank()) {
            return Optional.empty();
        }
        return knowledge.bestAnswer(question, triage == null ? null : triage.language());
    }

    /** The customer is upset or asked for a person: {@code rules/handover.drl} decides. */
    private boolean handsOver(Classification triage) {
        return triage != null && routing.handsOverToPerson(Set.copyOf(triage.intents()), triage.sentimentScore());
    }

    /**
     * Posts the article to the customer as the bot with "did this solve it?" in the ticket's
     * language, and marks the ticket answered by the bot.
     *
     * @return false when the article no longer exists (nothing was sent)
     */
    boolean sendAnswer(long ticketId, long articleId) {
        Article article;
        try {
            article = knowledge.get(articleId);
        } catch (ArticleNotFoundException deleted) {
            return false;
        }
        TicketView ticket = tickets.get(ticketId);
        Locale locale = Locale.forLanguageTag(ticket.classification() == null
                ? article.language().code() : ticket.classification().language());
        String text = article.title() + "\n\n" + article.body() + "\n\n"
                + messages.getMessage("bot.answer.question", null, locale);
        conversations.appendOutbound(ticket.conversationId(), ticketId, BOT_AUTHOR, text);
        tickets.answerByBot(ticketId, articleId);
        return true;
    }

    /** How long the bot waits for the customer's verdict, as the process timer reads it. */
    Duration feedbackTimeout() {
        return settings.feedbackTimeout();
    }
}
