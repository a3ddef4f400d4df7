package io.tapline.api.limit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.tapline.api.auth.Principal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One Bucket4j bucket per principal and endpoint group, refilled whole at the end of each period. Buckets that
 * are full again are forgotten when many have piled up, since a fresh bucket would be the same.
 */
public final class RateLimiter {

    /** Above this many buckets, full ones are dropped. */
    private static final int SWEEP_THRESHOLD = 10_000;

    private final RateLimitConfig config;
    private final LongSupplier wallClockMs;
    private final Map<Key, Bucket> buckets = new ConcurrentHashMap<>();

    private record Key(boolean admin, String principal, EndpointGroup group) {
    }

    public RateLimiter(RateLimitConfig config) {
        this(config, System::currentTimeMillis);
    }

    /** @param wallClockMs turns Bucket4j's relative waits into the epoch seconds of {@code X-RateLimit-Reset} */
    public RateLimiter(RateLimitConfig config, LongSupplier wallClockMs) {
        this.config = config;
        this.wallClockMs = wallClockMs;
    }

    public RateLimitConfig config() {
        return config;
    }

    /** Takes one request from {@code principal}'s bucket for {@code group}, or says when to come back. */
    public RateDecision tryAcquire(Principal principal, EndpointGroup group) {
        RateLimit rate = config.rate(group);
        if (buckets.size() > SWEEP_THRESHOLD) {
            sweep();
        }
        Bucket bucket = buckets.computeIfAbsent(new Key(principal.admin(), principal.name(), group), k -> newBucket(rate));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        long now = wallClockMs.getAsLong();
        long reset = ceilSeconds(now + TimeUnit.NANOSECONDS.toMillis(probe.getNanosToWaitForReset()) + 1);
        if (probe.isConsumed()) {
            return new RateDecision(true, rate.requests(), probe.getRemainingTokens(), reset, 0);
        }
        long retryAfter = Math.max(1, ceilSeconds(TimeUnit.NANOSECONDS.toMillis(probe.getNanosToWaitForRefill()) + 1));
        return new RateDecision(false, rate.requests(), 0, reset, retryAfter);
    }

    private static Bucket newBucket(RateLimit rate) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(rate.requests()).refillIntervally(rate.requests(), rate.period())
                        .build())
                .build();
    }

    private static long ceilSeconds(long millis) {
        return (millis + 999) / 1000;
    }

    private void sweep() {
        buckets.entrySet().removeIf(e -> e.getValue().getAvailableTokens() >= config.rate(e.getKey().group()).requests());
    }
}
