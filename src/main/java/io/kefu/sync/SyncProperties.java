package io.kefu.sync;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kefu.sync.*}: how the relay retries, breaks and counts. Which destinations receive ticket
 * events is {@code integrations/destinations.yaml} ({@link Destinations}); the settings it reads
 * ({@code kefu.sync.crm.url}, {@code kefu.sync.erp.drop-folder}, {@code kefu.sync.rabbitmq.url}, ...)
 * stay in application.yml.
 *
 * @param intercom the Intercom destination's settings ({@link IntercomTickets}); on when {@code token} is set
 * @param relay   polling, back-off and dead letters of the outbox relay
 * @param breaker the circuit breaker kept per destination
 * @param metrics how the outbox gauges on {@code /actuator/prometheus} are read
 */
@ConfigurationProperties("kefu.sync")
public record SyncProperties(@DefaultValue Intercom intercom, @DefaultValue Relay relay, @DefaultValue Breaker breaker,
        @DefaultValue Metrics metrics) {

    /**
     * @param token           access token of the Intercom workspace; empty = no Intercom destination, no route
     * @param url             Intercom's API host (regional hosts: {@code https://api.eu.intercom.io}, ...)
     * @param ticketTypeId    the Intercom ticket type Kefu's tickets are created as
     * @param adminId         the Intercom admin that replies, notes, tags and updates are made as
     * @param connectTimeout  how long to wait for Intercom's connection
     * @param responseTimeout how long to wait for each answer once connected
     * @param unansweredCreateWait how long after a create that got no answer Kefu only searches for it
     *                        (Intercom's search shows a new ticket after a moment) before it creates another
     */
    public record Intercom(String token, @DefaultValue("https://api.intercom.io") String url, String ticketTypeId,
            String adminId, @DefaultValue("5000ms") Duration connectTimeout,
            @DefaultValue("10000ms") Duration responseTimeout, @DefaultValue("PT2M") Duration unansweredCreateWait) {
        public boolean enabled() {
            return token != null && !token.isBlank();
        }
    }

    /**
     * @param cacheFor how long one read of the outbox's counts serves every gauge (scrapes within
     *                 that time cost no query)
     */
    public record Metrics(@DefaultValue("PT5S") Duration cacheFor) {
    }

    /**
     * @param enabled      whether this node relays (every node may; claims keep them apart)
     * @param pollInterval pause between passes when nothing was due
     * @param batchSize    deliveries claimed per pass
     * @param firstRetry   back-off after the first failure; doubles each time
     * @param maxRetry     back-off cap; retries go on at this interval until delivery succeeds
     * @param claimLease   how long a claimed delivery is reserved for the node sending it
     * @param maxAttempts  failed attempts after which a delivery becomes a dead letter
     * @param maxAge       how long a delivery may keep failing (from its event, or its replay) before
     *                     it becomes a dead letter
     */
    public record Relay(@DefaultValue("true") boolean enabled, @DefaultValue("PT0.5S") Duration pollInterval,
            @DefaultValue("50") int batchSize, @DefaultValue("PT1S") Duration firstRetry,
            @DefaultValue("PT5M") Duration maxRetry, @DefaultValue("PT1M") Duration claimLease,
            @DefaultValue("20") int maxAttempts, @DefaultValue("P2D") Duration maxAge) {
    }

    /**
     * A circuit breaker per destination: once {@code failureRate} percent of the last
     * {@code window} deliveries (at least {@code minimumCalls}) failed, the destination is left
     * alone for {@code openFor} — nothing is sent to it and no attempt is counted — then
     * {@code probes} deliveries test it: all well closes the breaker, a failure opens it again.
     *
     * @param enabled      whether breakers are used at all
     * @param failureRate  percentage of failed deliveries that opens the breaker
     * @param window       deliveries the failure rate is computed over
     * @param minimumCalls deliveries needed before the rate counts
     * @param openFor      how long an open breaker keeps the destination alone
     * @param probes       deliveries let through to test a destination after {@code openFor}
     */
    public record Breaker(@DefaultValue("true") boolean enabled, @DefaultValue("50") int failureRate,
            @DefaultValue("10") int window, @DefaultValue("5") int minimumCalls,
            @DefaultValue("PT30S") Duration openFor, @DefaultValue("1") int probes) {
    }
}
