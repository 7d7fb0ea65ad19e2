package io.kefu.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps this node's in-memory index equal to the database, which several nodes share. The index
 * is built at start-up; each write on this node is applied once its transaction commits; and every
 * {@code kefu.knowledge.refresh-interval} a cheap fingerprint of the article table tells whether
 * any node changed anything since the last look. Only then are the versions compared, and only
 * the articles that differ are reloaded (or the whole index rebuilt when many do).
 */
@Component
class IndexSynchronizer {

    private static final Logger log = LoggerFactory.getLogger(IndexSynchronizer.class);
    /** Beyond this many changed articles one rebuild is cheaper than as many single updates. */
    private static final int REBUILD_ABOVE = 50;

    private final ArticleRepository articles;
    private final KnowledgeIndex index;
    /** The fingerprint the index was last reconciled with; null before the first build. */
    private ArticleRepository.Fingerprint seen;

    IndexSynchronizer(ArticleRepository articles, KnowledgeIndex index) {
        this.articles = articles;
        this.index = index;
    }

    @EventListener(ApplicationReadyEvent.class)
    void build() {
        rebuild();
        log.info("Knowledge index built: {} articles", index.size());
    }

    /** Rebuilds the index from every article in the database. */
    synchronized void rebuild() {
        // read before the articles: a write in between makes the next check look again
        ArticleRepository.Fingerprint fingerprint = articles.fingerprint();
        index.replaceAll(articles.findAll());
        seen = fingerprint;
    }

    @Scheduled(fixedDelayString = "${kefu.knowledge.refresh-interval:PT30S}",
            initialDelayString = "${kefu.knowledge.refresh-interval:PT30S}")
    void scheduledCheck() {
        try {
            catchUp();
        } catch (DataAccessException e) {
            log.warn("Knowledge index freshness check failed; retrying at the next interval: {}", e.getMessage());
        }
    }

    /**
     * Applies what other nodes (or anything writing to the database directly) changed since the
     * last look; returns how many articles were reloaded or removed.
     */
    synchronized int catchUp() {
        ArticleRepository.Fingerprint fingerprint = articles.fingerprint();
        if (fingerprint.equals(seen)) {
            return 0;
        }
        // The index first, then the database: an article this node writes in between is then in
        // the database's list but not in the index's, so it is reloaded, never taken for removed.
        Map<Long, Integer> indexed = index.versions();
        Map<Long, Integer> stored = articles.versions();
        List<Long> changed = new ArrayList<>();
        stored.forEach((id, version) -> {
            if (!version.equals(indexed.get(id))) {
                changed.add(id);
            }
        });
        List<Long> removed = indexed.keySet().stream().filter(id -> !stored.containsKey(id)).toList();
        if (changed.size() + removed.size() > REBUILD_ABOVE) {
            index.replaceAll(articles.findAll());
        } else {
            articles.findAllById(changed).forEach(index::put);
            removed.forEach(index::remove);
        }
        seen = fingerprint;
        if (!changed.isEmpty() || !removed.isEmpty()) {
            log.info("Knowledge index caught up: {} articles reloaded, {} removed", changed.size(), removed.size());
        }
        return changed.size() + removed.size();
    }

    /**
     * A write on this node: applied once committed, so a rolled-back write never shows. Synchronized
     * with {@link #catchUp()}: a catch-up that read the database before this write committed (and may
     * rebuild the whole index from that read) finishes first, then this write is applied on top.
     */
    @TransactionalEventListener(fallbackExecution = true)
    synchronized void on(ArticleSaved saved) {
        index.put(saved.article());
    }

    /** A delete on this node: applied once committed, as a write is. */
    @TransactionalEventListener(fallbackExecution = true)
    synchronized void on(ArticleDeleted deleted) {
        index.remove(deleted.articleId());
    }
}
