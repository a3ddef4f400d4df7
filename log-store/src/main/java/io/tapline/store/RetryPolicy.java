package io.tapline.store;

import java.time.Duration;

/**
 * Exponential backoff for bulk requests and items that Elasticsearch answers with 429 or 5xx.
 *
 * @param maxAttempts  attempts in all, including the first (&gt;= 1)
 * @param firstBackoff wait before the second attempt; each later wait doubles
 * @param maxBackoff   cap on one wait
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    /** The wait before attempt {@code attempt} (2 = the first retry). */
    public Duration backoff(int attempt) {
        long ms = firstBackoff.toMillis() << Math.min(20, Math.max(0, attempt - 2));
        return Duration.ofMillis(Math.min(ms, maxBackoff.toMillis()));
    }

    /** True for the statuses worth retrying: overloaded or temporarily failing. */
    public static boolean retryable(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504 || status == 500;
    }
}
