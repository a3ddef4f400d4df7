package io.tapline.api;

import io.tapline.schema.LogRecord;
import io.tapline.store.LogPage;
import io.tapline.store.LogQuery;
import io.tapline.store.SearchStore;
import io.tapline.store.filter.LogFilter;
import io.tapline.store.snapshot.Snapshot;
import io.tapline.store.snapshot.SnapshotExpiredException;
import io.tapline.store.snapshot.SnapshotPage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test double of {@link SearchStore} holding records in memory, for the routing, validation and error-shape
 * tests; the end-to-end tests run against real Elasticsearch. It can be told to fail, or to ignore the project
 * filter (a "leaky" store) to prove the API does not rely on the store alone for tenant isolation.
 */
public final class InMemorySearchStore implements SearchStore {

    private static final Comparator<LogRecord> NEWEST_FIRST =
            Comparator.comparingLong(LogRecord::tsMs).thenComparingLong(LogRecord::id).reversed();

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final List<LogQuery> queries = new CopyOnWriteArrayList<>();
    private final Map<String, List<LogRecord>> snapshots = new ConcurrentHashMap<>();
    private final AtomicLong snapshotIds = new AtomicLong();
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

    /** Snapshots opened and not closed yet. */
    public int openSnapshots() {
        return snapshots.size();
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
            if (matches(query.filter(), r) && (query.afterId() == null || r.id() > query.afterId())
                    && (query.beforeId() == null || r.id() < query.beforeId())) {
                matching.add(r);
            }
        }
        matching.sort(switch (query.order()) {
            case NEWEST_FIRST -> NEWEST_FIRST;
            case ID_DESCENDING -> Comparator.comparingLong(LogRecord::id).reversed();
            case ID_ASCENDING -> Comparator.comparingLong(LogRecord::id);
        });
        List<LogRecord> page = matching.stream().skip(query.offset()).limit(query.limit()).toList();
        return new LogPage(page, matching.size());
    }

    @Override
    public Snapshot openSnapshot(Duration keepAlive) {
        if (failure != null) {
            throw failure;
        }
        String id = "mem-" + snapshotIds.incrementAndGet();
        snapshots.put(id, List.copyOf(records));
        return new Snapshot(id, keepAlive);
    }

    @Override
    public SnapshotPage readSnapshot(Snapshot snapshot, LogFilter filter, List<Long> after, int size) {
        List<LogRecord> frozen = snapshots.get(snapshot.id());
        if (frozen == null) {
            throw new SnapshotExpiredException("no snapshot " + snapshot.id(), null);
        }
        List<LogRecord> matching = frozen.stream().filter(r -> matches(filter, r)).sorted(NEWEST_FIRST).toList();
        List<LogRecord> rest = after == null ? matching : matching.stream()
                .filter(r -> r.tsMs() < after.get(0) || r.tsMs() == after.get(0) && r.id() < after.get(1)).toList();
        List<LogRecord> page = rest.stream().limit(size).toList();
        List<Long> last = page.isEmpty() ? null
                : List.of(page.get(page.size() - 1).tsMs(), page.get(page.size() - 1).id());
        return new SnapshotPage(page, matching.size(), snapshot, last);
    }

    @Override
    public void closeSnapshot(Snapshot snapshot) {
        snapshots.remove(snapshot.id());
    }

    @Override
    public boolean isAvailable() {
        lastCallingThread = Thread.currentThread().getName();
        if (failure != null) {
            throw failure;
        }
        return available;
    }

    /** The filter's structured parts, and its text as "every word occurs somewhere", as Elasticsearch applies them. */
    private boolean matches(LogFilter f, LogRecord r) {
        if (!ignoresProjectFilter && f.projectIds() != null && !f.projectIds().contains(r.projectId())) {
            return false;
        }
        return (f.containerId() == null || f.containerId().equals(r.containerId()))
                && (f.serviceName() == null || f.serviceName().equals(r.serviceName()))
                && (f.levels() == null || f.levels().contains(r.level()))
                && (f.kind() == null || f.kind() == r.kind())
                && (f.method() == null || f.method().equals(r.method()))
                && (f.source() == null || f.source() == r.source())
                && (f.fromMs() == null || r.tsMs() >= f.fromMs())
                && (f.toMs() == null || r.tsMs() < f.toMs())
                && (f.text() == null || containsEveryWord(f.text(), r));
    }

    private static boolean containsEveryWord(String text, LogRecord r) {
        String haystack = String.join(" ", String.valueOf(r.url()), String.valueOf(r.message()),
                r.requestBody() == null ? "" : r.requestBody().content(),
                r.responseBody() == null ? "" : r.responseBody().content()).toLowerCase(Locale.ROOT);
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty() && !haystack.contains(word)) {
                return false;
            }
        }
        return true;
    }
}
