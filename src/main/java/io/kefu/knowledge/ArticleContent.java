package io.kefu.knowledge;

import java.util.List;

import jakarta.annotation.Nullable;

/**
 * What an editor writes: the content of an article as submitted, checked by
 * {@link KnowledgeService} (language known, title and body present and not too long, tags short).
 *
 * @param language "zh" or "en"
 * @param title    plain-text title
 * @param body     Markdown
 * @param tags     free tags; stored lower-cased, trimmed and without duplicates
 */
public record ArticleContent(@Nullable String language, @Nullable String title, @Nullable String body,
        @Nullable List<String> tags) {
}
