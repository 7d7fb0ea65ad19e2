package io.kefu.security.throttle;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kefu.security.rate-limits.*}: requests per customer and per signed-in principal (a user, or
 * {@code token:<name>} for an API token) on the doors the public or a runaway integration can
 * hammer. The defaults are far above what a real customer or the hot-path benchmark sends.
 *
 * @param enabled                    all rate limits on or off
 * @param messagesPerCustomer        {@code POST /api/messages} per {@code customerExternalId}
 *                                   (default 20 at once, then 20 per 10 s: 2/s, 120 a minute)
 * @param messagesPerPrincipal       {@code POST /api/messages} per principal, all customers together
 *                                   (default 400 at once, then 200/s; the benchmark sends ~100/s
 *                                   from one principal)
 * @param knowledgeSearchPerPrincipal {@code GET /api/knowledge/search} and {@code /suggest}
 *                                   together, per principal (default 100 at once, then 50/s)
 * @param inboundEventsPerPrincipal <code>POST /api/integrations/{source}/events</code> per principal (the
 *                                   source's token; default 200 at once, then 100/s)
 * @param maxKeys                    entries kept per bucket map; least recently used dropped beyond
 */
@ConfigurationProperties("kefu.security.rate-limits")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        Limit messagesPerCustomer,
        Limit messagesPerPrincipal,
        Limit knowledgeSearchPerPrincipal,
        Limit inboundEventsPerPrincipal,
        @DefaultValue("100000") int maxKeys) {

    public RateLimitProperties {
        messagesPerCustomer = messagesPerCustomer != null ? messagesPerCustomer
                : new Limit(20, 20, Duration.ofSeconds(10));
        messagesPerPrincipal = messagesPerPrincipal != null ? messagesPerPrincipal
                : new Limit(400, 200, Duration.ofSeconds(1));
        knowledgeSearchPerPrincipal = knowledgeSearchPerPrincipal != null ? knowledgeSearchPerPrincipal
                : new Limit(100, 50, Duration.ofSeconds(1));
        inboundEventsPerPrincipal = inboundEventsPerPrincipal != null ? inboundEventsPerPrincipal
                : new Limit(200, 100, Duration.ofSeconds(1));
    }
}
