package io.tapline.api;

import io.tapline.schema.LogRecord;
import io.tapline.store.LogPage;
import io.tapline.store.LogQuery;
import io.tapline.store.SearchStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test double of {@link SearchStore} holding records in memory, for the routing, validation and error-shape
 * tests; the end-to-end tests run against real Elasticsearch. It can be told to fail, or to ignore the project
 * filter (a "leaky" store) to prove the API does not rely on the store alone for tenant isolation.
 */
public final class InMemorySearchStore implements SearchStore {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final List<LogQuery> queries = new CopyOnWriteArrayList<>();
    private volatile boolean available = true;
    private volatile RuntimeException failure;
    private volatile boolean ignoresProjectFilter;
    private volatile String lastCallingThread;

    public InMemorySearchStore add(LogRecord... added) {
        records.addAll(List.of(added));
        return this;
    }

    public void available(boolean available) {
        this.available = available;
    }

    /** Every later {@link #search} and {@link #isAvailable} throws {@code failure}. */
    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    public void ignoreProjectFilter() {
        this.ignoresProjectFilter = true;
    }

    /** The queries received so far, oldest first. */
    public List<LogQuery> queries() {
        return List.copyOf(queries);
    }

    /** Name of the thread that last called {@link #search} or {@link #isAvailable}. */
    public String lastCallingThread() {
        return lastCallingThread;
    }

    public LogQuery lastQuery() {
        return queries.get(queries.size() - 1);
    }

    @Override
    public LogPage search(LogQuery query) {
        queries.add(query);
        lastCallingThread = Thread.currentThread().getName();
        if (failure != null) {
            throw failure;
        }
        List<LogRecord> matching = new ArrayList<>();
        for (LogRecord r : records) {
            if (ignoresProjectFilter || query.projectIds() == null || query.projectIds().contains(r.projectId())) {
                matching.add(r);
            }
        }
        matching.sort(Comparator.comparingLong(LogRecord::tsMs).thenComparingLong(LogRecord::id).reversed());
        List<LogRecord> page = matching.stream().skip(query.offset()).limit(query.limit()).toList();
        return new LogPage(page, matching.size());
    }

    @Override
    public boolean isAvailable() {
        lastCallingThread = Thread.currentThread().getName();
        if (failure != null) {
            throw failure;
        }
        return available;
    }
}
