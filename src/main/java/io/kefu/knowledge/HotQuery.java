package io.kefu.knowledge;

/**
 * A frequent query of the recent past.
 *
 * @param query    the normalised query (lower case, half-width, no trailing punctuation)
 * @param language "zh" or "en"
 * @param count    how often it was asked in the window
 */
public record HotQuery(String query, String language, long count) {
}
