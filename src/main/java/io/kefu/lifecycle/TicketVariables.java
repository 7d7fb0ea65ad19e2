package io.kefu.lifecycle;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;

import io.kefu.chat.MessageImages;
import io.kefu.ticket.Classification;

/** Typed access to the process variables delegates read. */
final class TicketVariables {

    /*
     * Transient variables: what triage found, handed to the steps that run after it in the same
     * transaction (the bot's knowledge-base look-up) so they need not read the ticket and its first
     * message again. Transient variables are never written to the database and vanish at the next
     * wait state; readers fall back to the database when they are absent.
     */
    static final String TRANSIENT_FIRST_MESSAGE = "triagedFirstMessage";
    static final String TRANSIENT_INTENTS = "triagedIntents";
    static final String TRANSIENT_SENTIMENT = "triagedSentiment";
    static final String TRANSIENT_SENTIMENT_SCORE = "triagedSentimentScore";
    static final String TRANSIENT_LANGUAGE = "triagedLanguage";
    /** Task_ReadImages to triage: the ticket's read images by message id (a map, empty for most tickets). */
    static final String TRANSIENT_IMAGES = "readImages";

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

    /** What triage found in a ticket's first message, as later steps of the same transaction see it. */
    record TriagedMessage(String text, Classification classification) {
    }

    /** Hands triage's facts and the message they came from to the rest of this transaction. */
    static void handOn(VariableScope scope, String firstMessage, Classification classification) {
        scope.setVariable(TRANSIENT_FIRST_MESSAGE, Variables.stringValue(firstMessage, true));
        scope.setVariable(TRANSIENT_INTENTS, Variables.stringValue(String.join(",", classification.intents()), true));
        scope.setVariable(TRANSIENT_SENTIMENT, Variables.stringValue(classification.sentiment(), true));
        scope.setVariable(TRANSIENT_SENTIMENT_SCORE, Variables.doubleValue(classification.sentimentScore(), true));
        scope.setVariable(TRANSIENT_LANGUAGE, Variables.stringValue(classification.language(), true));
    }

    /** Hands the ticket's read images (by message id) to triage in this transaction. */
    static void handOnImages(VariableScope scope, Map<Long, MessageImages> images) {
        scope.setVariable(TRANSIENT_IMAGES, Variables.objectValue(new HashMap<>(images), true).create());
    }

    /** The images Task_ReadImages handed on in this transaction, if it ran in it. */
    @SuppressWarnings("unchecked")
    static Optional<Map<Long, MessageImages>> handedOnImages(VariableScope scope) {
        return scope.getVariable(TRANSIENT_IMAGES) instanceof Map<?, ?> images
                ? Optional.of((Map<Long, MessageImages>) images) : Optional.empty();
    }

    /** Triage's facts handed on earlier in this transaction, if any. */
    static Optional<TriagedMessage> handedOn(VariableScope scope) {
        if (!(scope.getVariable(TRANSIENT_FIRST_MESSAGE) instanceof String text)
                || !(scope.getVariable(TRANSIENT_INTENTS) instanceof String intents)
                || !(scope.getVariable(TRANSIENT_SENTIMENT) instanceof String sentiment)
                || !(scope.getVariable(TRANSIENT_SENTIMENT_SCORE) instanceof Number score)
                || !(scope.getVariable(TRANSIENT_LANGUAGE) instanceof String language)) {
            return Optional.empty();
        }
        List<String> labels = intents.isEmpty() ? List.of() : List.of(intents.split(","));
        return Optional.of(new TriagedMessage(text,
                new Classification(labels, sentiment, score.doubleValue(), language)));
    }
}
