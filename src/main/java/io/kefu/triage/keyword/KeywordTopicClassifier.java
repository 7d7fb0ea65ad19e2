package io.kefu.triage.keyword;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.Yaml;

import io.kefu.config.KefuHome;

/**
 * Classifies a message's topic by counting lexicon hits. English keywords match whole words
 * (so "app" does not match "happy"); Chinese keywords, which have no word boundaries, match as
 * substrings.
 */
@Component
public class KeywordTopicClassifier {

    /** The label returned when no keyword matches. */
    public static final String GENERAL = "general";

    private final Map<String, List<Pattern>> english = new LinkedHashMap<>();
    private final Map<String, List<String>> chinese = new LinkedHashMap<>();

    @Autowired
    public KeywordTopicClassifier(KefuHome home) {
        List<Resource> files = home.files("triage", "topic-keywords.yaml");
        if (files.isEmpty()) {
            throw new IllegalStateException("No topic lexicon at " + home.folder("triage").resolve("topic-keywords.yaml"));
        }
        try (InputStream in = files.get(0).getInputStream()) {
            load(new Yaml().load(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the topic lexicon", e);
        }
    }

    /** Builds a classifier from an in-memory lexicon: topic → {en: [...], zh: [...]}. */
    public KeywordTopicClassifier(Map<String, Map<String, List<String>>> lexicon) {
        load(lexicon);
    }

    @SuppressWarnings("unchecked")
    private void load(Object yaml) {
        if (!(yaml instanceof Map<?, ?> topics)) {
            throw new IllegalArgumentException("The topic lexicon must map topics to {en: [...], zh: [...]}");
        }
        topics.forEach((topic, languages) -> {
            String label = String.valueOf(topic).toLowerCase(Locale.ROOT);
            Map<String, List<Object>> byLanguage = languages instanceof Map<?, ?> m
                    ? (Map<String, List<Object>>) m : Map.of();
            List<Pattern> en = new ArrayList<>();
            for (Object keyword : byLanguage.getOrDefault("en", List.of())) {
                en.add(Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(String.valueOf(keyword).toLowerCase(Locale.ROOT))
                        + "(?![\\p{L}\\p{N}])"));
            }
            List<String> zh = new ArrayList<>();
            for (Object keyword : byLanguage.getOrDefault("zh", List.of())) {
                zh.add(String.valueOf(keyword).toLowerCase(Locale.ROOT));
            }
            english.put(label, en);
            chinese.put(label, zh);
        });
    }

    /** The topic label with most keyword hits, or {@link #GENERAL}. */
    public String classify(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        String best = GENERAL;
        int bestHits = 0;
        for (String topic : english.keySet()) {
            int hits = 0;
            for (Pattern keyword : english.get(topic)) {
                if (keyword.matcher(lower).find()) {
                    hits++;
                }
            }
            for (String keyword : chinese.get(topic)) {
                if (lower.contains(keyword)) {
                    hits++;
                }
            }
            if (hits > bestHits) {
                best = topic;
                bestHits = hits;
            }
        }
        return best;
    }
}
