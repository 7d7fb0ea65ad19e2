package io.kefu.knowledge;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param items the articles, most recently changed first
 * @param page  page number, from 0
 * @param size  page size
 * @param total how many articles match the filter
 */
public record ArticlePage(List<Article> items, int page, int size, long total) {

    public int pages() {
        return (int) ((total + size - 1) / size);
    }
}
