package io.kefu.triage;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's mapping from intent labels to ticket topics ({@code triage/intent-topics.yaml}):
 * a flat YAML map {@code intent: topic}. The file is re-read when it changes, so an edit applies to
 * the next ticket; a file that does not parse keeps the mapping that was last read. Thread-safe.
 */
public final class IntentTopics {

    private final WatchedYamlFile<Map<String, String>> file;

    /** Reads the mapping from this file; a missing file maps nothing (every topic is general). */
    public IntentTopics(Path file) {
        this.file = new WatchedYamlFile<>(file, IntentTopics::parse, Map.of());
    }

    /**
     * The topic of the most confident predicted intent that has one.
     *
     * @param intents predicted intents, most confident first
     * @return the topic label in lower case, or empty when no intent is mapped
     */
    public Optional<String> topicOf(List<IntentScore> intents) {
        Map<String, String> topics = file.current();
        return intents.stream().map(i -> topics.get(i.label())).filter(t -> t != null).findFirst();
    }

    private static Map<String, String> parse(Object yaml) {
        if (yaml == null) {
            return Map.of();
        }
        if (!(yaml instanceof Map<?, ?> entries)) {
            throw new IllegalArgumentException("expected a map of intent: topic");
        }
        Map<String, String> topics = new LinkedHashMap<>();
        entries.forEach((intent, topic) -> {
            if (intent == null || topic == null || topic instanceof Map || topic instanceof List) {
                throw new IllegalArgumentException("entry " + intent + ": " + topic + " is not intent: topic");
            }
            topics.put(String.valueOf(intent), String.valueOf(topic).trim().toLowerCase(Locale.ROOT));
        });
        return Map.copyOf(topics);
    }
}
