package io.tapline.proxy.server;

import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The trace identity of an exchange: a W3C {@code traceparent} and an {@code X-Request-Id}, each propagated
 * when the client sent a valid one and generated otherwise. Its {@link #traceId} pairs request and response.
 *
 * @param traceId     the record's traceId: the W3C trace id (32 hex) of the exchange
 * @param traceparent the header forwarded upstream (same trace id, this hop's span id)
 * @param requestId   the X-Request-Id forwarded upstream
 */
record TraceContext(String traceId, String traceparent, String requestId) {
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

    static TraceContext from(String traceparent, String requestId) {
        String traceId = null;
        String flags = "01";
        if (traceparent != null) {
            var m = TRACEPARENT.matcher(traceparent.trim().toLowerCase(Locale.ROOT));
            if (m.matches() && !m.group(1).equals("0".repeat(32)) && !m.group(2).equals("0".repeat(16))) {
                traceId = m.group(1);
                flags = m.group(3);
            }
        }
        String rid = requestId != null && REQUEST_ID.matcher(requestId.trim()).matches() ? requestId.trim() : null;
        if (traceId == null) {
            UUID uuid = UUID.randomUUID();
            traceId = String.format("%016x%016x", uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
        }
        if (rid == null) {
            rid = traceId;
        }
        String span = String.format("%016x", ThreadLocalRandom.current().nextLong() | 1L);
        return new TraceContext(traceId, "00-" + traceId + "-" + span + "-" + flags, rid);
    }
}
