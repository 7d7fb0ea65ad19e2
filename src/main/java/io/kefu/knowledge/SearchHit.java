package io.kefu.knowledge;

import java.util.List;

/**
 * One search result.
 *
 * @param id       article id
 * @param title    title (plain text)
 * @param snippet  HTML: an escaped passage of the body with the matched words in {@code <mark>};
 *                 nothing else in it is markup, so pages may insert it as HTML
 * @param score    relevance in [0, 1): {@link AnswerConfidence#strength}, comparable across
 *                 queries
 * @param tags     tags
 * @param language "zh" or "en"
 * @param status   draft or published
 */
public record SearchHit(long id, String title, String snippet, double score, List<String> tags, String language,
        ArticleStatus status) {
}
