package io.tapline.store.snapshot;

import java.time.Duration;
import java.util.Objects;

/**
 * A consistent view of every record that was searchable when it was opened (an Elasticsearch point in time).
 * Reading it never sees later writes, so a stream or a cursor walking it neither repeats nor skips a record.
 *
 * @param id        the point-in-time id; it may change from one read to the next, so always keep the latest
 * @param keepAlive how long it stays open after each read
 */
public record Snapshot(String id, Duration keepAlive) {
    public Snapshot {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("id must not be empty");
        }
        if (keepAlive == null || keepAlive.toMillis() < 1) {
            throw new IllegalArgumentException("keepAlive must be at least 1 ms");
        }
    }
}
