package io.kefu.security.throttle;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.TimeMeter;

/** The buckets' time, moved forward by the test, so minutes of an attack take milliseconds. */
final class MovableTime implements TimeMeter {

    private final AtomicLong nanos = new AtomicLong(System.nanoTime());

    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Override
    public long currentTimeNanos() {
        return nanos.get();
    }

    @Override
    public boolean isWallClockBased() {
        return false;
    }
}
