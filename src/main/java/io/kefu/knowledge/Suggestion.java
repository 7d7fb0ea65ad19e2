package io.kefu.knowledge;

import jakarta.annotation.Nullable;

/**
 * A type-ahead completion.
 *
 * @param text      what to put in the search box
 * @param kind      {@code QUERY} (a logged query that found articles) or {@code ARTICLE} (a title)
 * @param articleId the article, for {@code ARTICLE} suggestions
 * @param count     how often the query was asked, for {@code QUERY} suggestions
 */
public record Suggestion(String text, Kind kind, @Nullable Long articleId, @Nullable Long count) {

    /** Where a suggestion comes from. */
    public enum Kind {
        QUERY,
        ARTICLE
    }
}
