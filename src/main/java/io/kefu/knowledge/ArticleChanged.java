package io.kefu.knowledge;

import jakarta.annotation.Nullable;

/**
 * Domain event: an article was created, changed or deleted (then {@code article} is null). Published
 * inside the writing transaction; the index follows once it commits.
 *
 * @param articleId the article
 * @param article   its state as written, or null when it was deleted
 */
public record ArticleChanged(long articleId, @Nullable Article article) {
}
