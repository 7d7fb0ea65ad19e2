package io.kefu.sync;

/**
 * A delivery that cannot go out yet for a reason of its own, not because its destination is down
 * (Intercom's search does not show a ticket whose create got no answer, say): a failed attempt the
 * relay retries with back-off, which the destination's circuit breaker does not count, so one such
 * delivery cannot hold back every other ticket's.
 */
class DeliveryDeferred extends RuntimeException {

    DeliveryDeferred(String message) {
        super(message);
    }
}
