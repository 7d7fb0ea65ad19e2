package io.kefu.knowledge;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes query-log rows older than {@code kefu.knowledge.query-log-retention}: bot questions are
 * customers' own words and may carry personal details, so they are not kept for ever. Every node
 * runs it; the delete is idempotent.
 */
@Component
class QueryLogRetention {

    private static final Logger log = LoggerFactory.getLogger(QueryLogRetention.class);

    private final QueryLog queries;
    private final KnowledgeProperties properties;
    private final Clock clock;

    QueryLogRetention(QueryLog queries, KnowledgeProperties properties, Clock clock) {
        this.queries = queries;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
    void purge() {
        try {
            int deleted = queries.purgeBefore(clock.instant().minus(properties.queryLogRetention()));
            if (deleted > 0) {
                log.info("Deleted {} knowledge query-log rows older than {}", deleted, properties.queryLogRetention());
            }
        } catch (DataAccessException e) {
            log.warn("Knowledge query-log purge failed; retrying in an hour: {}", e.getMessage());
        }
    }
}
