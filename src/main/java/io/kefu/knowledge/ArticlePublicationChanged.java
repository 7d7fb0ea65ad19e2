package io.kefu.knowledge;

/**
 * Domain event: an article became visible to customers and the bot ({@code PUBLISHED}), went back to
 * draft, or was deleted — the changes the audit log records. Published inside the writing
 * transaction, beside {@link ArticleChanged}.
 *
 * @param articleId the article
 * @param title     its title at that moment
 * @param change    what happened to it
 */
public record ArticlePublicationChanged(long articleId, String title, Change change) {

    /** What happened to the article. */
    public enum Change {
        PUBLISHED, UNPUBLISHED, DELETED
    }
}
