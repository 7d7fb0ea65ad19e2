package io.kefu.knowledge;

/** Who asked a query of the knowledge base, as kept in the query log. */
public enum QuerySource {
    /** The search API, e.g. a help centre or an app. */
    SEARCH,
    /** The self-service bot answering a customer ({@link KnowledgeService#bestAnswer}). */
    BOT,
    /** Staff searching in Kefu's own pages. */
    AGENT
}
