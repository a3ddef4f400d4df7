package io.tapline.api.cursor;

import io.tapline.schema.LogRecord;
import io.tapline.store.SearchStore;
import io.tapline.store.filter.LogFilter;
import io.tapline.store.snapshot.Snapshot;
import io.tapline.store.snapshot.SnapshotPage;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Pages through every project's records for an admin (seed 004 section 5.2): the first request opens a snapshot,
 * each page hands back a signed cursor that says where the next page starts in that snapshot. Pages never repeat
 * or skip an entry, whatever is written meanwhile. The snapshot is closed after the last page.
 */
public final class FanoutPager {

    private final SearchStore store;
    private final CursorCodec codec;
    private final Duration keepAlive;
    private final Clock clock;

    public FanoutPager(SearchStore store, CursorKey key, Duration keepAlive, Clock clock) {
        this.store = store;
        this.codec = new CursorCodec(key, clock);
        this.keepAlive = keepAlive;
        this.clock = clock;
    }

    /**
     * One page of {@code filter}'s records.
     *
     * @param cursor the cursor of the previous page, or empty for the first page
     * @throws CursorCodec.InvalidCursorException for a cursor that is not this server's, altered, expired or
     *                                            issued for other filters
     * @throws io.tapline.store.snapshot.SnapshotExpiredException when the cursor's snapshot is gone
     */
    public Page page(LogFilter filter, String cursor, int limit) {
        String fingerprint = filter.fingerprint();
        Snapshot snapshot;
        List<Long> after;
        long served;
        if (cursor.isEmpty()) {
            snapshot = store.openSnapshot(keepAlive);
            after = null;
            served = 0;
        } else {
            FanoutCursor previous = codec.decode(cursor, fingerprint);
            snapshot = new Snapshot(previous.snapshotId(), keepAlive);
            after = previous.after();
            served = previous.served();
        }
        SnapshotPage page = store.readSnapshot(snapshot, filter, after, limit);
        long servedNow = served + page.records().size();
        boolean hasMore = !page.records().isEmpty() && servedNow < page.total();
        String next = null;
        if (hasMore) {
            next = codec.encode(new FanoutCursor(page.snapshot().id(), page.last(), fingerprint, servedNow,
                    clock.instant().plus(keepAlive)));
        } else {
            store.closeSnapshot(page.snapshot());
        }
        return new Page(page.records(), page.total(), served, next, hasMore);
    }

    /**
     * @param records    the page, newest first
     * @param total      every match in the snapshot
     * @param offset     entries served before this page
     * @param nextCursor the cursor of the next page, null after the last
     * @param hasMore    true while entries remain
     */
    public record Page(List<LogRecord> records, long total, long offset, String nextCursor, boolean hasMore) {
        public Page {
            records = List.copyOf(records);
        }
    }
}
