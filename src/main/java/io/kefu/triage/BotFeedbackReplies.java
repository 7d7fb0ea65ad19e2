package io.kefu.triage;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a customer's free-text answer to the bot's "did this solve it?" ({@code
 * triage/bot-feedback.yaml}). A reply confirms only when it consists of nothing but the listed
 * "solved" phrases, so "not solved", "没解决" or a new question never count as yes: when in doubt
 * the ticket goes to a person. The file is re-read when it changes; a broken edit keeps the phrases
 * read before. Thread-safe.
 */
public final class BotFeedbackReplies {

    /** Longer replies are never a bare confirmation; they carry something an agent should read. */
    private static final int MAX_CONFIRMATION_LENGTH = 40;

    private final WatchedYamlFile<Phrases> file;

    private record Phrases(Set<String> normalised, int longest) {
        static final Phrases NONE = new Phrases(Set.of(), 0);
    }

    /** Reads the phrases from this file; a missing file confirms nothing. */
    public BotFeedbackReplies(Path file) {
        this.file = new WatchedYamlFile<>(file, BotFeedbackReplies::parse, Phrases.NONE);
    }

    /** Whether the reply says the bot's answer solved the issue. */
    public boolean confirmsSolved(String reply) {
        String text = normalise(reply == null ? "" : reply);
        if (text.isEmpty() || text.length() > MAX_CONFIRMATION_LENGTH) {
            return false;
        }
        Phrases phrases = file.current();
        // covered[i]: text[0, i) is a sequence of phrases
        boolean[] covered = new boolean[text.length() + 1];
        covered[0] = true;
        for (int end = 1; end <= text.length(); end++) {
            for (int start = Math.max(0, end - phrases.longest()); start < end && !covered[end]; start++) {
                covered[end] = covered[start] && phrases.normalised().contains(text.substring(start, end));
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

    private static Phrases parse(Object yaml) {
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
        return new Phrases(Set.copyOf(phrases), phrases.stream().mapToInt(String::length).max().orElse(0));
    }
}
