package io.tapline.store;

import io.tapline.store.filter.LogFilter;
import io.tapline.store.snapshot.Snapshot;
import io.tapline.store.snapshot.SnapshotPage;

import java.time.Duration;
import java.util.List;

/**
 * Reads log records back. The API server depends on this interface only, so that it runs over the real
 * Elasticsearch store in production and in tests alike.
 */
public interface SearchStore {

    /** One page of records matching {@code query}, in its order. */
    LogPage search(LogQuery query);

    /** Opens a snapshot of every record searchable now, kept open for {@code keepAlive} after each read. */
    Snapshot openSnapshot(Duration keepAlive);

    /**
     * The next page of {@code filter}'s records in {@code snapshot}, newest first ({@code tsMs} desc, {@code id}
     * desc), extending the snapshot's keep-alive.
     *
     * @param after where the previous page ended ({@link SnapshotPage#last()}), or null for the first page
     * @throws io.tapline.store.snapshot.SnapshotExpiredException when the snapshot is gone
     */
    SnapshotPage readSnapshot(Snapshot snapshot, LogFilter filter, List<Long> after, int size);

    /** Releases {@code snapshot} early; a snapshot that is already gone is not an error. */
    void closeSnapshot(Snapshot snapshot);

    /** True when the backing cluster answers; used by {@code /api/status}. */
    boolean isAvailable();
}
