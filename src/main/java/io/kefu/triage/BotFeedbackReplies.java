package io.kefu.triage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads a customer's free-text answer to the bot's "did this solve it?" ({@code
 * triage/bot-feedback.yaml}). A reply confirms only when it consists of nothing but the listed
 * "solved" phrases, so "not solved", "没解决" or a new question never count as yes: when in doubt
 * the ticket goes to a person. The file is re-read when it changes; a broken edit keeps the phrases
 * read before. Thread-safe.
 */
public final class BotFeedbackReplies {

    private static final Logger log = LoggerFactory.getLogger(BotFeedbackReplies.class);
    /** Longer replies are never a bare confirmation; they carry something an agent should read. */
    private static final int MAX_CONFIRMATION_LENGTH = 40;

    private final Path file;
    private volatile Loaded loaded = new Loaded(null, Set.of(), 0);

    private record Loaded(FileTime modified, Set<String> phrases, int longest) {
    }

    /** Reads the phrases from this file; a missing file confirms nothing. */
    public BotFeedbackReplies(Path file) {
        this.file = file;
        refresh();
    }

    /** Whether the reply says the bot's answer solved the issue. */
    public boolean confirmsSolved(String reply) {
        refresh();
        String text = normalise(reply == null ? "" : reply);
        if (text.isEmpty() || text.length() > MAX_CONFIRMATION_LENGTH) {
            return false;
        }
        Loaded current = loaded;
        // covered[i]: text[0, i) is a sequence of phrases
        boolean[] covered = new boolean[text.length() + 1];
        covered[0] = true;
        for (int end = 1; end <= text.length(); end++) {
            for (int start = Math.max(0, end - current.longest()); start < end && !covered[end]; start++) {
                covered[end] = covered[start] && current.phrases().contains(text.substring(start, end));
            }
        }
        return covered[text.length()];
    }

    /** Lower case, letters and digits only: "Yes, thanks!" and "yesthanks" read the same. */
    private static String normalise(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.toLowerCase(Locale.ROOT).codePoints()
                .filter(Character::isLetterOrDigit)
                .forEach(kept::appendCodePoint);
        return kept.toString();
    }

    private void refresh() {
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(file);
        } catch (NoSuchFileException missing) {
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
                Set<String> phrases = parse(new Yaml().load(in));
                loaded = new Loaded(modified, phrases, phrases.stream().mapToInt(String::length).max().orElse(0));
                log.info("Bot feedback phrases read from {}: {} phrases", file, phrases.size());
            } catch (IOException | RuntimeException e) {
                log.error("Cannot use {} ({}); keeping the phrases read before", file, e.getMessage());
                loaded = new Loaded(modified, loaded.phrases(), loaded.longest());
            }
        }
    }

    private static Set<String> parse(Object yaml) {
        if (!(yaml instanceof Map<?, ?> root) || !(root.get("solved") instanceof Map<?, ?> languages)) {
            throw new IllegalArgumentException("expected solved: {en: [...], zh: [...]}");
        }
        Set<String> phrases = new HashSet<>();
        for (Object list : languages.values()) {
            if (!(list instanceof List<?> items)) {
                throw new IllegalArgumentException("each language lists phrases: [a, b]");
            }
            for (Object phrase : items) {
                String normalised = normalise(String.valueOf(phrase));
                if (!normalised.isEmpty()) {
                    phrases.add(normalised);
                }
            }
        }
        return Set.copyOf(phrases);
    }
}
