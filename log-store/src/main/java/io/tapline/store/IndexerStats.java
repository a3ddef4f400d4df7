package io.tapline.store;

import java.util.concurrent.atomic.AtomicLong;

/** Running counters of a {@link BulkIndexer}, for metrics and for tests that count every record. */
public final class IndexerStats {
    final AtomicLong indexed = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong retriedItems = new AtomicLong();
    final AtomicLong retriedRequests = new AtomicLong();
    final AtomicLong requests = new AtomicLong();

    public long indexed() {
        return indexed.get();
    }

    public long rejected() {
        return rejected.get();
    }

    public long retriedItems() {
        return retriedItems.get();
    }

    public long retriedRequests() {
        return retriedRequests.get();
    }

    public long requests() {
        return requests.get();
    }
}
