package io.kefu.triage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * The operator's mapping from intent labels to ticket topics ({@code triage/intent-topics.yaml}):
 * a flat YAML map {@code intent: topic}. The file is re-read when it changes, so an edit applies to
 * the next ticket; a file that does not parse keeps the mapping that was last read. Thread-safe.
 */
public final class IntentTopics {

    private static final Logger log = LoggerFactory.getLogger(IntentTopics.class);

    private final Path file;
    private volatile Loaded loaded = new Loaded(null, Map.of());

    private record Loaded(FileTime modified, Map<String, String> topics) {
    }

    /** Reads the mapping from this file; a missing file maps nothing (every topic is general). */
    public IntentTopics(Path file) {
        this.file = file;
        refresh();
    }

    /**
     * The topic of the most confident predicted intent that has one.
     *
     * @param intents predicted intents, most confident first
     * @return the topic label in lower case, or empty when no intent is mapped
     */
    public Optional<String> topicOf(List<IntentScore> intents) {
        refresh();
        Map<String, String> topics = loaded.topics();
        return intents.stream().map(i -> topics.get(i.label())).filter(t -> t != null).findFirst();
    }

    private void refresh() {
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(file);
        } catch (NoSuchFileException missing) {
            if (loaded.modified() != null || loaded.topics().isEmpty()) {
                loaded = new Loaded(null, Map.of());
            }
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (modified.equals(loaded.modified())) {
            return;
        }
        synchronized (this) {
            if (modified.equals(loaded.modified())) {
                return;
            }
            try (InputStream in = Files.newInputStream(file)) {
                loaded = new Loaded(modified, parse(new Yaml().load(in)));
                log.info("Intent topics read from {}: {}", file, loaded.topics());
            } catch (IOException | RuntimeException e) {
                log.error("Cannot use {} ({}); keeping the mapping read before", file, e.getMessage());
                loaded = new Loaded(modified, loaded.topics());
            }
        }
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
