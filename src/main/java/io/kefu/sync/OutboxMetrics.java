package io.kefu.sync;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;

/**
 * The outbox per destination as Micrometer meters (tag {@code destination}, shown on
 * {@code /actuator/prometheus}):
 * <ul>
 * <li>{@code kefu.outbox.lag} (seconds): age of the oldest delivery not yet delivered (pending or in
 * flight), 0 when none;</li>
 * <li>{@code kefu.outbox.pending}: deliveries waiting to be sent, {@code kefu.outbox.in.flight}: those a
 * relay has claimed and is sending now, {@code kefu.outbox.dead.letters}: dead letters waiting for an
 * admin (gauges, the whole outbox, whichever node relays);</li>
 * <li>{@code kefu.outbox.delivered} and {@code kefu.outbox.failures}: deliveries and failed attempts of
 * this node's relay since it started (counters).</li>
 * </ul>
 * The gauges come from one grouped query, kept for {@code kefu.sync.metrics.cache-for}: a scrape
 * reads all of them for every destination, and several scrapers may ask at once, but the outbox is
 * queried at most once per period. The dead letters page reads the same figures fresh
 * ({@link #figures()}).
 */
@Component
class OutboxMetrics {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration cacheFor;
    private final MeterRegistry registry;
    private final Destinations destinations;
    private final Map<String, Counter> delivered = new ConcurrentHashMap<>();
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();

    private Snapshot snapshot;

    OutboxMetrics(JdbcClient jdbc, SyncProperties properties, Clock clock, MeterRegistry registry, Destinations destinations) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.cacheFor = properties.metrics().cacheFor();
        this.registry = registry;
        this.destinations = destinations;
        for (OutboxDestination enabled : destinations.enabled()) {
            String key = enabled.name();
            String destination = key;
            TimeGauge.builder("kefu.outbox.lag", this, TimeUnit.SECONDS, m -> m.lagSeconds(destination))
                    .description("Age of the oldest undelivered outbox delivery").tag("destination", key)
                    .register(registry);
            Gauge.builder("kefu.outbox.pending", this, m -> m.counts(destination).pending())
                    .description("Outbox deliveries waiting to be sent").tag("destination", key).register(registry);
            Gauge.builder("kefu.outbox.in.flight", this, m -> m.counts(destination).inFlight())
                    .description("Outbox deliveries claimed by a relay and being sent").tag("destination", key)
                    .register(registry);
            Gauge.builder("kefu.outbox.dead.letters", this, m -> m.counts(destination).dead())
                    .description("Outbox dead letters waiting for a replay or discard").tag("destination", key)
                    .register(registry);
            // Shown at 0 from the start, not only after the first delivery.
            delivered(key, 0);
            failed(key, 0);
        }
    }

    /** One delivery the destination took. */
    void delivered(OutboxDestination destination) {
        delivered(destination.name(), 1);
    }

    /** One failed attempt (retried later, or turned into a dead letter). */
    void failed(OutboxDestination destination) {
        failed(destination.name(), 1);
    }

    private void delivered(String destination, int amount) {
        delivered.computeIfAbsent(destination, d -> Counter.builder("kefu.outbox.delivered")
                .description("Outbox deliveries the destination took").tag("destination", d)
                .register(registry)).increment(amount);
    }

    private void failed(String destination, int amount) {
        failures.computeIfAbsent(destination, d -> Counter.builder("kefu.outbox.failures")
                .description("Failed outbox delivery attempts").tag("destination", d)
                .register(registry)).increment(amount);
    }

    /** One destination's figures, as the gauges show them. */
    record Figures(String destination, boolean enabled, long pending, long inFlight, long deadLetters,
            Duration lag) {
    }

    /**
     * The figures of every enabled destination, and of any other that still has undelivered or dead
     * rows (switched off since), in the order of integrations/destinations.yaml; read now rather than from the cache, so a
     * page shows the effect of a replay at once. The gauges then serve this read too.
     */
    List<Figures> figures() {
        Instant now = clock.instant();
        Snapshot fresh = read(now);
        synchronized (this) {
            snapshot = fresh;
        }
        List<Figures> figures = new ArrayList<>();
        List<String> names = new ArrayList<>(destinations.names());
        fresh.byDestination().keySet().stream().filter(name -> !names.contains(name)).sorted().forEach(names::add);
        for (String destination : names) {
            Counts counts = fresh.byDestination().get(destination);
            boolean on = destinations.named(destination).map(OutboxDestination::enabled).orElse(false);
            if (!on && counts == null) {
                continue;
            }
            Counts shown = counts == null ? Counts.NONE : counts;
            Duration lag = shown.oldest() == null || shown.oldest().isAfter(now) ? Duration.ZERO
                    : Duration.between(shown.oldest(), now);
            figures.add(new Figures(destination, on, shown.pending(), shown.inFlight(), shown.dead(), lag));
        }
        return List.copyOf(figures);
    }

    private double lagSeconds(String destination) {
        Instant oldest = counts(destination).oldest();
        if (oldest == null) {
            return 0;
        }
        // Computed at each read from the cached oldest time, so it keeps growing between queries.
        return Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    private Counts counts(String destination) {
        return snapshot().byDestination().getOrDefault(destination, Counts.NONE);
    }

    private synchronized Snapshot snapshot() {
        Instant now = clock.instant();
        if (snapshot == null || !snapshot.readAt().plus(cacheFor).isAfter(now)) {
            snapshot = read(now);
        }
        return snapshot;
    }

    /** Every destination's counts in one query over the undelivered rows (ix_outbox_delivery_due starts with status). */
    private Snapshot read(Instant now) {
        Map<String, Counts> counts = new HashMap<>();
        jdbc.sql("""
                SELECT d.destination,
                       SUM(CASE WHEN d.status = 'PENDING' AND (d.claimed_until IS NULL OR d.claimed_until < :now)
                                THEN 1 ELSE 0 END) AS pending,
                       SUM(CASE WHEN d.status = 'PENDING' AND d.claimed_until >= :now THEN 1 ELSE 0 END) AS in_flight,
                       SUM(CASE WHEN d.status = 'DEAD' THEN 1 ELSE 0 END) AS dead,
                       MIN(CASE WHEN d.status = 'PENDING' THEN e.created_at END) AS oldest
                  FROM outbox_delivery d JOIN outbox_event e ON e.id = d.event_id
                 WHERE d.status IN ('PENDING', 'DEAD')
                 GROUP BY d.destination
                """).param("now", Timestamp.from(now)).query(rs -> {
                    String destination = rs.getString("destination");
                    Timestamp oldest = rs.getTimestamp("oldest");
                    counts.put(destination, new Counts(rs.getLong("pending"), rs.getLong("in_flight"), rs.getLong("dead"),
                            oldest == null ? null : oldest.toInstant()));
                });
        return new Snapshot(now, counts);
    }

    private record Snapshot(Instant readAt, Map<String, Counts> byDestination) {
    }

    private record Counts(long pending, long inFlight, long dead, Instant oldest) {
        static final Counts NONE = new Counts(0, 0, 0, null);
    }
}
