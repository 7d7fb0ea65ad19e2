package io.kefu.knowledge;

/**
 * An article became visible to customers and the bot (status {@code PUBLISHED}); published by
 * {@link KnowledgeService#publish} when it was a draft.
 *
 * @param articleId the article
 * @param title     its title at that moment
 */
public record ArticlePublished(long articleId, String title) implements ArticlePublicationChanged {
}
