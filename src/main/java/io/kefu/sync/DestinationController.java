package io.kefu.sync;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The outbox's destinations for admins: <code>GET /api/sync/destinations</code> lists what
 * {@code integrations/destinations.yaml} configures (never secrets or passwords), when each was
 * started and how its deliveries stand; <code>POST /api/sync/destinations/{destination}/backfill</code>
 * sends a destination the events it missed, from an event id ({@code fromEventId}) or a time
 * ({@code since}). See {@link Backfill} and docs/INTEGRATIONS.md.
 */
@RestController
class DestinationController {

    private final Backfill backfill;
    private final Destinations destinations;
    private final JdbcClient jdbc;

    DestinationController(Backfill backfill, Destinations destinations, JdbcClient jdbc) {
        this.backfill = backfill;
        this.destinations = destinations;
        this.jdbc = jdbc;
    }

    /** Exactly one of the two. */
    record BackfillRequest(Long fromEventId, String since) {
    }

    /** One destination as an admin sees it: its settings without credentials, its start and its deliveries by status. */
    record DestinationView(String name, String kind, boolean enabled, List<String> events, String mapping,
            String startFrom, Instant startedAt, Map<String, Long> deliveries) {
    }

    /**
     * Lists the configured destinations with their start and deliveries.
     * Each entry is <code>{name, kind, enabled, events, mapping, startFrom, startedAt, deliveries}</code>, where
     * {@code deliveries} counts the destination's rows by status (PENDING, DELIVERED, DEAD, DISCARDED) and
     * {@code startedAt} is when a node first saw it switched on (null before). Endpoints, secrets and
     * passwords are never shown. Admins only.
     */
    @GetMapping("/api/sync/destinations")
    List<DestinationView> destinations() {
        Map<String, Instant> started = new HashMap<>();
        jdbc.sql("SELECT destination, started_at FROM outbox_destination_start").query(rs -> {
            Timestamp at = rs.getTimestamp("started_at");
            started.put(rs.getString("destination"), at.toInstant());
        });
        Map<String, Map<String, Long>> counts = new HashMap<>();
        jdbc.sql("SELECT destination, status, COUNT(*) AS n FROM outbox_delivery GROUP BY destination, status")
                .query(rs -> {
                    counts.computeIfAbsent(rs.getString("destination"), d -> new java.util.TreeMap<>())
                            .put(rs.getString("status"), rs.getLong("n"));
                });
        return destinations.all().stream().map(d -> new DestinationView(d.name(), d.kind().name().toLowerCase(java.util.Locale.ROOT),
                d.enabled(), d.events(), d.mapping() == null ? null : d.mapping().source(), d.startFrom(),
                started.get(d.name()), counts.getOrDefault(d.name(), Map.of()))).toList();
    }

    /**
     * Queues the outbox events a destination never got, for the relay to send.
     * The body is <code>{fromEventId}</code> or <code>{since}</code> (an ISO-8601 instant), exactly one; pending
     * deliveries are created for the events from there on that have none for this destination and
     * that its events filter takes, so nothing is sent twice. Answers <code>{destination, created, firstEventId,
     * lastEventId}</code>; 400 naming the field (also for an unknown destination), 409 when the destination
     * is switched off. Audited as {@code sync.backfill}. Admins only.
     */
    @PostMapping("/api/sync/destinations/{destination}/backfill")
    Backfill.Result backfill(@PathVariable String destination, @RequestBody BackfillRequest request) {
        return backfill.backfill(destination, request.fromEventId(), request.since());
    }
}
