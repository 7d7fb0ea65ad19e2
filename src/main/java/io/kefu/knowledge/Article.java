package io.kefu.knowledge;

import io.kefu.text.Language;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.Nullable;

/**
 * One knowledge-base article as stored. The body is Markdown; {@link MarkdownRenderer} turns it
 * into safe HTML for pages. {@code version} grows by one with every change and is what an
 * update must name to win (optimistic locking).
 *
 * @param id          database id
 * @param language    the language it is written in
 * @param title       plain-text title
 * @param body        Markdown source
 * @param tags        lower-case tags, sorted
 * @param status      draft or published
 * @param createdAt   when it was created
 * @param updatedAt   when it last changed (content or status)
 * @param publishedAt when it was last published, or null if never
 * @param updatedBy   the user who last changed it, or null
 * @param version     optimistic-locking version
 */
public record Article(long id, Language language, String title, String body, List<String> tags,
        ArticleStatus status, Instant createdAt, Instant updatedAt, @Nullable Instant publishedAt,
        @Nullable String updatedBy, int version) {

    public Article {
        tags = List.copyOf(tags);
    }

    public boolean published() {
        return status == ArticleStatus.PUBLISHED;
    }
}
