package io.tapline.api.limit;

import io.tapline.api.auth.Principal;
import io.tapline.api.http.ApiException;
import io.undertow.util.StatusCodes;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The concurrent-stream cap: each principal may hold at most {@code max} streams open. A slot is taken when a
 * stream opens and given back, once, when it ends.
 */
public final class StreamSlots {

    /** A refused caller is told to retry after this long: a closed stream frees its slot at once. */
    static final long RETRY_AFTER_SECONDS = 1;

    private final int max;
    private final LongSupplier wallClockMs;
    private final Map<String, Integer> open = new HashMap<>();

    public StreamSlots(int max) {
        this(max, System::currentTimeMillis);
    }

    public StreamSlots(int max, LongSupplier wallClockMs) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1");
        }
        this.max = max;
        this.wallClockMs = wallClockMs;
    }

    /** One open stream's claim; {@link #release()} is idempotent. */
    public final class Slot {
        private final String key;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(String key) {
            this.key = key;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                synchronized (open) {
                    open.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
                }
            }
        }
    }

    /**
     * Takes a slot for {@code principal}.
     *
     * @throws ApiException 429 with the {@code X-RateLimit-*} and {@code Retry-After} headers when all its slots
     *                      are taken
     */
    public Slot acquire(Principal principal) {
        String key = (principal.admin() ? "admin:" : "tenant:") + principal.name();
        synchronized (open) {
            int n = open.getOrDefault(key, 0);
            if (n >= max) {
                long reset = (wallClockMs.getAsLong() + 999) / 1000 + RETRY_AFTER_SECONDS;
                RateDecision refused = new RateDecision(false, max, 0, reset, RETRY_AFTER_SECONDS);
                throw new ApiException(StatusCodes.TOO_MANY_REQUESTS,
                        "Too many concurrent log streams for this caller (limit " + max + ")", refused.headers());
            }
            open.put(key, n + 1);
        }
        return new Slot(key);
    }

    /** Streams {@code principal} holds open now. */
    public int openStreams(Principal principal) {
        synchronized (open) {
            return open.getOrDefault((principal.admin() ? "admin:" : "tenant:") + principal.name(), 0);
        }
    }
}
