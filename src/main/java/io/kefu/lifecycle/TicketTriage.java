package io.kefu.lifecycle;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.kefu.chat.MessageImages;
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
 * sentiment, language) as {@link CustomerMessageText} reads it (an e-mail's new part without the
 * quoted history, with the text read in the images attached to it), and asks for the ticket's topic: triage's {@link IntentTopics} names it from
 * the intents ({@code triage/intent-topics.yaml}), {@link Topic#fromIntentMapping} makes it a topic.
 */
@Component
class TicketTriage {

    private final ConversationService conversations;
    private final TriageService triage;
    private final IntentTopics intentTopics;
    private final CustomerMessageText texts;

    TicketTriage(ConversationService conversations, TriageService triage, IntentTopics intentTopics,
            CustomerMessageText texts) {
        this.texts = texts;
        this.conversations = conversations;
        this.triage = triage;
        this.intentTopics = intentTopics;
    }

    /** What triage found in the ticket's first customer message, and that message's text. */
    record Triaged(Topic topic, Classification classification, String firstMessage) {
    }

    Triaged triage(long ticketId) {
        return triage(ticketId, null);
    }

    /**
     * The same with the text read in the message's images (from {@code Task_ReadImages}; null:
     * looked up) after the message's own text, or alone when the message is only the file's name.
     */
    Triaged triage(long ticketId, Map<Long, MessageImages> images) {
        Optional<Message> first = conversations.firstInbound(ticketId);
        String text = first.map(message -> texts.of(message, images)).orElse("");
        TriageResult result = triage.classify(text, null);
        List<String> intents = result.intents().stream().map(IntentScore::label).toList();
        Topic topic = Topic.fromIntentMapping(intentTopics.topicOf(result.intents()));
        Classification classification = new Classification(intents, result.sentiment().polarity().name(),
                result.sentiment().score(), result.language().code());
        return new Triaged(topic, classification, text);
    }
}
