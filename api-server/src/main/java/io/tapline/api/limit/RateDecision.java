package io.tapline.api.limit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one rate-limited request and the seed-001 headers that report it.
 *
 * @param resetEpochSeconds when {@code remaining} is back at {@code limit} (epoch seconds, rounded up)
 * @param retryAfterSeconds when a refused caller may try again (0 when allowed)
 */
public record RateDecision(boolean allowed, long limit, long remaining, long resetEpochSeconds,
                           long retryAfterSeconds) {

    public static final String LIMIT = "X-RateLimit-Limit";
    public static final String REMAINING = "X-RateLimit-Remaining";
    public static final String RESET = "X-RateLimit-Reset";
    public static final String RETRY_AFTER = "Retry-After";

    /** {@code X-RateLimit-Limit/Remaining/Reset}, plus {@code Retry-After} on a refusal. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(LIMIT, Long.toString(limit));
        headers.put(REMAINING, Long.toString(remaining));
        headers.put(RESET, Long.toString(resetEpochSeconds));
        if (!allowed) {
            headers.put(RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
        return headers;
    }
}
