/**
 * Knowledge base: articles in Chinese and English (Markdown, tags, draft or published, versioned),
 * their search, hot searches and type-ahead suggestions, and the answers the bot and the agent
 * workspace ask for.
 *
 * <p>The database is the truth: {@code kb_article}, {@code kb_article_tag} and the query log
 * {@code kb_query_log} (every search and bot question; hot searches and suggestions are counted
 * from it with SQL). Each node keeps a Lucene index in memory ({@link io.kefu.knowledge.KnowledgeIndex},
 * smartcn for Chinese, stemmed English), built at start-up, updated after each local write and
 * brought up to date with other nodes' writes by a periodic fingerprint check, so no node holds
 * state another needs. {@link io.kefu.knowledge.KnowledgeService} is the one entry point;
 * {@link io.kefu.knowledge.KnowledgeService#bestAnswer} and
 * {@link io.kefu.knowledge.KnowledgeService#related} give {@link io.kefu.knowledge.KnowledgeAnswer}s
 * whose score is the normalised confidence of {@link io.kefu.knowledge.AnswerConfidence}. Depends on
 * no other feature package.
 */
package io.kefu.knowledge;
