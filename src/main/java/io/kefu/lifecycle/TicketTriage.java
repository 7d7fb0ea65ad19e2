package io.kefu.lifecycle;

import java.util.List;

import org.springframework.stereotype.Component;

import io.kefu.conversation.ConversationService;
import io.kefu.conversation.Message;
import io.kefu.ticket.Classification;
import io.kefu.ticket.Topic;
import io.kefu.triage.IntentScore;
import io.kefu.triage.IntentTopics;
import io.kefu.triage.TriageResult;
import io.kefu.triage.TriageService;

/**
 * Joins a ticket's conversation to triage: classifies the customer's first message (intents,
 * sentiment, language) and asks for the ticket's topic: triage's {@link IntentTopics} names it from
 * the intents ({@code triage/intent-topics.yaml}), {@link Topic#fromIntentMapping} makes it a topic.
 */
@Component
class TicketTriage {

    private final ConversationService conversations;
    private final TriageService triage;
    private final IntentTopics intentTopics;

    TicketTriage(ConversationService conversations, TriageService triage, IntentTopics intentTopics) {
        this.conversations = conversations;
        this.triage = triage;
        this.intentTopics = intentTopics;
    }

    /** What triage found in the ticket's first customer message, and that message's text. */
    record Triaged(Topic topic, Classification classification, String firstMessage) {
    }

    Triaged triage(long ticketId) {
        String text = conversations.firstInbound(ticketId).map(Message::body).orElse("");
        TriageResult result = triage.classify(text, null);
        List<String> intents = result.intents().stream().map(IntentScore::label).toList();
        Topic topic = Topic.fromIntentMapping(intentTopics.topicOf(result.intents()));
        Classification classification = new Classification(intents, result.sentiment().polarity().name(),
                result.sentiment().score(), result.language().code());
        return new Triaged(topic, classification, text);
    }
}
