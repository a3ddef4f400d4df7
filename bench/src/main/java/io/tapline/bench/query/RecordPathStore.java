package io.tapline.bench.query;

import io.tapline.store.LogPage;
import io.tapline.store.LogQuery;
import io.tapline.store.SearchStore;
import io.tapline.store.filter.LogFilter;
import io.tapline.store.snapshot.Snapshot;
import io.tapline.store.snapshot.SnapshotPage;

import java.time.Duration;
import java.util.List;

/**
 * The Elasticsearch store without its entry streaming ({@code EntrySearch}): an API server over it answers pages by
 * the record path (records, then {@code ApiCodec.toEntry} maps, then Jackson), which the benchmark measures beside
 * the production path to show what transcoding saves.
 */
record RecordPathStore(SearchStore store) implements SearchStore {

    @Override
    public LogPage search(LogQuery query) {
        return store.search(query);
    }

    @Override
    public Snapshot openSnapshot(Duration keepAlive) {
        return store.openSnapshot(keepAlive);
    }

    @Override
    public SnapshotPage readSnapshot(Snapshot snapshot, LogFilter filter, List<Long> after, int size) {
        return store.readSnapshot(snapshot, filter, after, size);
    }

    @Override
    public void closeSnapshot(Snapshot snapshot) {
        store.closeSnapshot(snapshot);
    }

    @Override
    public boolean isAvailable() {
        return store.isAvailable();
    }
}
