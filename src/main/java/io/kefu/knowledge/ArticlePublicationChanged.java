package io.kefu.knowledge;

/**
 * An article became visible to customers and the bot ({@link ArticlePublished}), went back to
 * draft ({@link ArticleUnpublished}) or was deleted ({@link ArticleDeleted}): the changes the audit
 * log records. Listen to one record for one fact, or to this interface for all three. Published
 * inside the writing transaction, beside {@link ArticleSaved}.
 */
public sealed interface ArticlePublicationChanged permits ArticlePublished, ArticleUnpublished, ArticleDeleted {

    /** The article. */
    long articleId();

    /** Its title at that moment. */
    String title();
}
