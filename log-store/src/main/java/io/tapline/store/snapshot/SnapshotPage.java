package io.tapline.store.snapshot;

import io.tapline.schema.LogRecord;

import java.util.List;

/**
 * One page read from a {@link Snapshot}, newest first.
 *
 * @param records  the page
 * @param total    every record of the snapshot matching the filter (the same on every page)
 * @param snapshot the snapshot to read the next page from (its id may have changed)
 * @param last     where the page ends, to pass as {@code after} for the next page; null when the page is empty
 */
public record SnapshotPage(List<LogRecord> records, long total, Snapshot snapshot, List<Long> last) {
    public SnapshotPage {
        records = List.copyOf(records);
        last = last == null ? null : List.copyOf(last);
    }
}
