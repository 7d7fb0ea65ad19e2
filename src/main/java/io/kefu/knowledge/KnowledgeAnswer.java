package io.kefu.knowledge;

/**
 * A published article offered as the answer to a customer's question: the contract between the
 * knowledge base and the lifecycle's bot path.
 *
 * @param articleId the article
 * @param title     its title
 * @param body      its Markdown source (the channel decides how to show it)
 * @param language  "zh" or "en"
 * @param score     confidence in [0, 1] that this article answers the question; see
 *                  {@link AnswerConfidence} for its definition and docs/NLP.md for how precision
 *                  and coverage move with it on banking77 and SMP2017
 */
public record KnowledgeAnswer(long articleId, String title, String body, String language, double score) {
}
