package io.kefu.knowledge;

/** Where an article is in its life: only published articles reach customers and the bot. */
public enum ArticleStatus {
    DRAFT,
    PUBLISHED
}
