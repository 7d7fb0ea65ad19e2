package io.kefu.knowledge;

/**
 * An article was deleted; published by {@link KnowledgeService#delete}. The index drops it once the
 * delete commits; the audit log records it as it records publishing.
 *
 * @param articleId the article
 * @param title     its title at that moment
 */
public record ArticleDeleted(long articleId, String title) implements ArticlePublicationChanged {
}
