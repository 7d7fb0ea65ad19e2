package io.kefu.knowledge;

import java.util.List;

/**
 * The answer to a search.
 *
 * @param query the query as asked
 * @param total how many articles matched (exact up to 1,000)
 * @param hits  the best ones, best first
 */
public record SearchResults(String query, long total, List<SearchHit> hits) {
}
