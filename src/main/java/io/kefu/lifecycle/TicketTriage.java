package io.kefu.lifecycle;

import org.springframework.stereotype.Component;

import io.kefu.conversation.ConversationService;
import io.kefu.conversation.Direction;
import io.kefu.conversation.Message;
import io.kefu.ticket.Topic;
import io.kefu.triage.keyword.KeywordTopicClassifier;

/** Joins the ticket's conversation to the triage classifier: the topic of the customer's first message. */
@Component
class TicketTriage {

    private final ConversationService conversations;
    private final KeywordTopicClassifier classifier;

    TicketTriage(ConversationService conversations, KeywordTopicClassifier classifier) {
        this.conversations = conversations;
        this.classifier = classifier;
    }

    Topic topicOf(long ticketId) {
        String text = conversations.transcript(ticketId).stream()
                .filter(m -> m.direction() == Direction.INBOUND)
                .map(Message::body)
                .findFirst()
                .orElse("");
        return Topic.fromLabel(classifier.classify(text));
    }
}
