package io.kefu.knowledge;

/**
 * A published article went back to draft and is hidden from customers and the bot again; published
 * by {@link KnowledgeService#unpublish} when it was published.
 *
 * @param articleId the article
 * @param title     its title at that moment
 */
public record ArticleUnpublished(long articleId, String title) implements ArticlePublicationChanged {
}
