package io.tapline.api.cursor;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a fanout cursor carries, signed: where the next page starts in which snapshot, for which filters, and
 * until when it may be used.
 *
 * @param snapshotId  the point-in-time id to read from
 * @param after       the sort position of the last entry served
 * @param fingerprint {@link io.tapline.store.filter.LogFilter#fingerprint()} of the filters (scope included)
 * @param served      entries served before the next page (the next page's {@code offset})
 * @param expiresAt   after this the cursor is refused
 */
public record FanoutCursor(String snapshotId, List<Long> after, String fingerprint, long served, Instant expiresAt) {
    public FanoutCursor {
        Objects.requireNonNull(snapshotId, "snapshotId");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(expiresAt, "expiresAt");
        after = List.copyOf(after);
        if (after.isEmpty() || served < 0) {
            throw new IllegalArgumentException("a cursor points after at least one served entry");
        }
    }
}
