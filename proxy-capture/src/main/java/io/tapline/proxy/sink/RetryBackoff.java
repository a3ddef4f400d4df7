package io.tapline.proxy.sink;

import java.time.Duration;

/** Exponential wait between attempts at a failing destination: doubles per failure up to a cap, resets on success. */
final class RetryBackoff {
    private final long firstNanos;
    private final long maxNanos;
    private long currentNanos;
    private long nextAttemptNanos;
    private int failures;

    RetryBackoff(Duration first, Duration max) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("retry backoff needs 0 < first <= max, got " + first + " and " + max);
        }
        this.firstNanos = first.toNanos();
        this.maxNanos = max.toNanos();
    }

    /** Records a failure; the next attempt waits twice as long as the last, up to the cap. */
    void failed() {
        currentNanos = currentNanos == 0 ? firstNanos : Math.min(maxNanos, currentNanos * 2);
        nextAttemptNanos = System.nanoTime() + currentNanos;
        failures++;
    }

    /** Records a success; returns how many failures came before it. */
    int succeeded() {
        int before = failures;
        currentNanos = 0;
        failures = 0;
        return before;
    }

    /** Nanoseconds until the next attempt is due; 0 or less when it is due now. */
    long remainingNanos() {
        return failures == 0 ? 0 : nextAttemptNanos - System.nanoTime();
    }

    int failures() {
        return failures;
    }
}
