package io.kefu.knowledge;

/**
 * An article was created or changed (content or status); published by {@link KnowledgeService}
 * inside the writing transaction, and the index takes the new state once it commits.
 *
 * @param article its state as written
 */
public record ArticleSaved(Article article) {
}
