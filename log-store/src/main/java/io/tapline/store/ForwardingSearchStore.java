package io.tapline.store;

import io.tapline.store.filter.LogFilter;
import io.tapline.store.snapshot.Snapshot;
import io.tapline.store.snapshot.SnapshotPage;

import java.time.Duration;
import java.util.List;

/**
 * A {@link SearchStore} that passes every call to another one; a subclass overrides the calls it watches or
 * changes. Wrapping also hides every capability of the wrapped store beyond {@code SearchStore} (such as
 * {@link EntrySearch}), which is how the API's record path is exercised over the real store.
 */
public class ForwardingSearchStore implements SearchStore {
    private final SearchStore delegate;

    public ForwardingSearchStore(SearchStore delegate) {
        if (delegate == null) {
            throw new IllegalArgumentException("delegate must not be null");
        }
        this.delegate = delegate;
    }

    @Override
    public LogPage search(LogQuery query) {
        return delegate.search(query);
    }

    @Override
    public Snapshot openSnapshot(Duration keepAlive) {
        return delegate.openSnapshot(keepAlive);
    }

    @Override
    public SnapshotPage readSnapshot(Snapshot snapshot, LogFilter filter, List<Long> after, int size) {
        return delegate.readSnapshot(snapshot, filter, after, size);
    }

    @Override
    public void closeSnapshot(Snapshot snapshot) {
        delegate.closeSnapshot(snapshot);
    }

    @Override
    public boolean isAvailable() {
        return delegate.isAvailable();
    }
}
