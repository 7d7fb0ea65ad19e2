package io.kefu.sync;

/**
 * A destination refused a delivery for good: it answered, and sending the same request again cannot
 * change its answer (an HTTP 4xx other than 429, say, or an event it cannot take). The relay makes the
 * delivery a dead letter at once, keeping this message as its error, instead of retrying it for days;
 * the circuit breaker does not count it (the destination is up). An admin replays it once the cause is
 * fixed, or discards it ({@link DeadLetters}).
 */
class DeliveryRefused extends RuntimeException {

    DeliveryRefused(String message) {
        super(message);
    }
}
