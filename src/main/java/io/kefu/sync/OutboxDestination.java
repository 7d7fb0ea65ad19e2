package io.kefu.sync;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A system ticket events are delivered to, as configured in {@code integrations/destinations.yaml}
 * ({@link Destinations}): its name (the {@code destination} of deliveries, dead letters, metrics and
 * the API), its kind (which Camel route delivers), where it is, its credentials, which event types
 * it takes and how their fields are mapped.
 *
 * @param name            unique, {@code [a-z][a-z0-9-]*}
 * @param kind            which route delivers
 * @param enabled         switched on: configured {@code enabled} and an endpoint given
 * @param endpoint        the URL, folder or JDBC URL (kind-specific); empty = off
 * @param secret          webhook signing secret ({@link WebhookSignature}); empty = unsigned; the
 *                        access token of kind {@code intercom} (empty = off)
 * @param username        JDBC user (kind {@code jdbc})
 * @param password        JDBC password (kind {@code jdbc})
 * @param table           the staging table, {@code schema.table} or {@code table} (kind {@code jdbc})
 * @param events          event-type patterns it takes: {@code *}, {@code ticket.*}, {@code ticket.routed}
 * @param mapping         how event fields become the destination's fields; null = the event JSON as is
 * @param connectTimeout  webhook connect timeout
 * @param responseTimeout webhook response timeout
 * @param startFrom       when first switched on: {@code now} (only new events), an event id, or an
 *                        ISO-8601 instant (backfilled from there)
 */
public record OutboxDestination(String name, Kind kind, boolean enabled, String endpoint, String secret,
        String username, String password, String table, List<String> events, FieldMapping mapping,
        Duration connectTimeout, Duration responseTimeout, String startFrom) {

    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    /** Which route delivers a destination's events. */
    public enum Kind {
        /** Signed JSON POST ({@code integrations/webhook/webhook-delivery.camel.yaml}). */
        WEBHOOK("direct:webhook-delivery"),
        /** JSON files in a drop folder ({@code integrations/erp/erp-ticket-export.camel.yaml}). */
        FILE("direct:erp-ticket-export"),
        /** The topic exchange {@code kefu.tickets} ({@code integrations/rabbitmq/rabbitmq-ticket-publish.camel.yaml}). */
        RABBITMQ("direct:rabbitmq-ticket-publish"),
        /** Upserts by event id into a staging table ({@code integrations/erp/erp-staging-upsert.camel.yaml}). */
        JDBC("direct:erp-staging-upsert"),
        /**
         * Kefu's tickets mirrored as Intercom tickets ({@code integrations/intercom/intercom-ticket-sync.camel.yaml},
         * {@link IntercomTickets}); its settings are {@code kefu.sync.intercom.*}, its mapping
         * {@code integrations/mappings/intercom.yaml}.
         */
        INTERCOM("direct:intercom-ticket-sync");

        private final String route;

        Kind(String route) {
            this.route = route;
        }

        /** The Camel endpoint of the route that delivers this kind. */
        public String route() {
            return route;
        }
    }

    /** The destination's name; kept as {@code key} for the delivery rows' column {@code destination}. */
    public String key() {
        return name;
    }

    /** Whether it takes events of {@code type}. */
    public boolean takes(String type) {
        for (String pattern : events) {
            if (pattern.equals("*") || pattern.equals(type)
                    || (pattern.endsWith(".*") && type.startsWith(pattern.substring(0, pattern.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        // Never the secret or the password: this ends up in logs.
        return name + " (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
