package io.kefu.sync;

import java.sql.Timestamp;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts a destination the first time it is seen switched on: from where its {@code start-from}
 * says. {@code now} (the default) sends only the events written from then on; an event id or an
 * ISO-8601 instant backfills the earlier events from there ({@link Backfill}, audited), so enabling
 * a CRM after a month of tickets can bring it up to date. One row per destination in
 * {@code outbox_destination_start} records that it was started: the first node to insert it does the
 * backfill in the same transaction; every other node, and every later start, finds the row and does
 * nothing. Delete the row to start the destination afresh at the next start.
 */
@Component
class DestinationStarts {

    private static final Logger log = LoggerFactory.getLogger(DestinationStarts.class);

    private final Destinations destinations;
    private final Backfill backfill;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    DestinationStarts(Destinations destinations, Backfill backfill, JdbcClient jdbc, TransactionTemplate transaction,
            Clock clock) {
        this.destinations = destinations;
        this.backfill = backfill;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startNewDestinations() {
        for (OutboxDestination destination : destinations.enabled()) {
            try {
                Integer backfilled = transaction.execute(status -> start(destination));
                if (backfilled != null) {
                    log.info("Destination {} started from {}: {} earlier events backfilled", destination,
                            destination.startFrom(), backfilled);
                }
            } catch (DuplicateKeyException another) {
                // Another node started it at the same moment.
            }
        }
    }

    /** The backfilled count when this call started the destination; null when it had been started before. */
    private Integer start(OutboxDestination destination) {
        boolean started = jdbc.sql("SELECT COUNT(*) FROM outbox_destination_start WHERE destination = ?")
                .param(destination.name()).query(Integer.class).single() > 0;
        if (started) {
            return null;
        }
        String from = destination.startFrom();
        int backfilled = 0;
        if (!from.equals("now")) {
            boolean eventId = from.chars().allMatch(Character::isDigit);
            backfilled = backfill.backfill(destination.name(), eventId ? Long.valueOf(from) : null, eventId ? null : from)
                    .created();
        }
        jdbc.sql("""
                INSERT INTO outbox_destination_start (destination, started_at, start_from, backfilled) VALUES (?, ?, ?, ?)
                """).params(destination.name(), Timestamp.from(clock.instant()), from, backfilled).update();
        return backfilled;
    }
}
