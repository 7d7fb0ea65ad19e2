package io.kefu.sync;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

/**
 * One resilience4j circuit breaker per outbox destination ({@code kefu.sync.breaker.*}). The relay
 * asks {@link #closedDestinations()} before it looks for due deliveries, so a destination whose
 * breaker is open is not even queried, and {@link #permits} before each send; a delivery refused
 * by the breaker is handed back untouched (no attempt counted, no back-off). An open breaker turns
 * half-open by itself after {@code openFor}, and its probe deliveries decide whether it closes.
 */
@Component
class DestinationBreakers {

    private static final Logger log = LoggerFactory.getLogger(DestinationBreakers.class);

    private final boolean enabled;
    private final Map<String, CircuitBreaker> breakers = new LinkedHashMap<>();

    DestinationBreakers(SyncProperties properties, Destinations configured) {
        SyncProperties.Breaker settings = properties.breaker();
        this.enabled = settings.enabled();
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.window())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRate())
                .waitDurationInOpenState(settings.openFor())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .permittedNumberOfCallsInHalfOpenState(settings.probes())
                .recordExceptions(Throwable.class)
                // A refusal is an answer: the destination is up. A deferral is the delivery's own matter.
                .ignoreExceptions(DeliveryRefused.class, DeliveryDeferred.class)
                .build();
        for (OutboxDestination destination : configured.enabled()) {
            CircuitBreaker breaker = CircuitBreaker.of("outbox-" + destination.key(), config);
            breaker.getEventPublisher().onStateTransition(event -> log.warn("Circuit breaker of destination {}: {}",
                    destination.key(), event.getStateTransition()));
            breakers.put(destination.name(), breaker);
        }
    }

    /** The names of the enabled destinations the relay may look at now: every one whose breaker is not open. */
    List<String> closedDestinations() {
        return breakers.entrySet().stream()
                .filter(e -> !enabled || e.getValue().getState() != CircuitBreaker.State.OPEN
                        && e.getValue().getState() != CircuitBreaker.State.FORCED_OPEN)
                .map(Map.Entry::getKey).toList();
    }

    /** Whether one delivery may be sent to the destination now (takes a probe when half-open). */
    boolean permits(OutboxDestination destination) {
        return !enabled || breakers.get(destination.name()).tryAcquirePermission();
    }

    void succeeded(OutboxDestination destination, long nanos) {
        if (enabled) {
            breakers.get(destination.name()).onSuccess(nanos, TimeUnit.NANOSECONDS);
        }
    }

    void failed(OutboxDestination destination, long nanos, Throwable error) {
        if (enabled) {
            breakers.get(destination.name()).onError(nanos, TimeUnit.NANOSECONDS, error);
        }
    }

    /** The breaker's state, e.g. {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}. */
    String state(String destination) {
        return breakers.get(destination).getState().name();
    }
}
