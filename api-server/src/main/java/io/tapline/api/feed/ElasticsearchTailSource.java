package io.tapline.api.feed;

import io.tapline.schema.IdGenerator;
import io.tapline.schema.LogRecord;
import io.tapline.store.tail.ElasticsearchTail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * The feed source of the Logstash deployment, where records reach Elasticsearch without passing through this
 * process: polls for records with a {@code tapline.id} above the highest one followed, in id order. Records do not
 * become searchable in id order (bulk batches, refreshes, several Logstash workers), so each poll also counts the
 * records of the last {@code settle} window of ids; when Elasticsearch holds more than were followed, the window is
 * read again and the late ones published. Every followed id of the window is remembered, so nothing is published
 * twice. A record that becomes visible more than {@code settle} after its capture is not followed (search has it).
 */
public final class ElasticsearchTailSource implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchTailSource.class);
    public static final Duration DEFAULT_POLL = Duration.ofMillis(200);
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(10);
    static final int PAGE = 1_000;

    private final RingFeed feed;
    private final ElasticsearchTail tail;
    private final long pollMs;
    private final long settleMs;
    private final LongSupplier clockMs;
    private final Thread thread;
    private volatile boolean closed;

    /** Records captured before the follower started are history, not news: never published. */
    private final long startFloor;
    // Poll thread only.
    private long cursor;
    private final TreeSet<Long> followed = new TreeSet<>();
    private long published;
    private long late;
    private boolean failing;

    /** Starts following records captured from now on. */
    public ElasticsearchTailSource(RingFeed feed, ElasticsearchTail tail, Duration poll, Duration settle,
                                   LongSupplier clockMs) {
        if (poll.toMillis() < 1 || settle.toMillis() < 1) {
            throw new IllegalArgumentException("poll and settle must be at least 1 ms");
        }
        this.feed = feed;
        this.tail = tail;
        this.pollMs = poll.toMillis();
        this.settleMs = settle.toMillis();
        this.clockMs = clockMs;
        this.cursor = IdGenerator.firstIdAt(clockMs.getAsLong()) - 1;
        this.startFloor = cursor;
        this.thread = new Thread(this::run, "tapline-es-tail");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (!closed) {
            try {
                pollOnce();
                if (failing) {
                    log.info("live feed: Elasticsearch tail is following again");
                    failing = false;
                }
            } catch (RuntimeException e) {
                if (!failing) {
                    log.warn("live feed: Elasticsearch tail poll failed, retrying: {}", e.getMessage());
                    failing = true;
                }
            }
            try {
                Thread.sleep(pollMs);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One poll: new records above the cursor, then late ones within the settle window. Package-private for tests. */
    void pollOnce() {
        while (true) {
            List<LogRecord> page = tail.between(cursor, Long.MAX_VALUE, PAGE);
            publish(page);
            if (page.size() < PAGE) {
                break;
            }
        }
        long floor = Math.max(startFloor, IdGenerator.firstIdAt(clockMs.getAsLong() - settleMs) - 1);
        followed.headSet(floor, true).clear();
        if (cursor <= floor) {
            return;
        }
        // Every remembered id lies in (floor, cursor]: more there in Elasticsearch means late arrivals.
        if (tail.count(floor, cursor) <= followed.size()) {
            return;
        }
        long after = floor;
        long until = cursor;
        while (true) {
            List<LogRecord> page = tail.between(after, until, PAGE);
            for (LogRecord r : page) {
                if (!followed.contains(r.id())) {
                    late++;
                }
                after = r.id();
            }
            publish(page);
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    /** Publishes the records of a page not published yet, in one batch: each stream is woken once per page. */
    private void publish(List<LogRecord> page) {
        List<LogRecord> fresh = new ArrayList<>(page.size());
        for (LogRecord record : page) {
            if (record.id() <= cursor && !followed.add(record.id())) {
                continue; // already published
            }
            if (record.id() > cursor) {
                followed.add(record.id());
                cursor = record.id();
            }
            fresh.add(record);
        }
        if (!fresh.isEmpty()) {
            feed.publishAll(fresh);
            published += fresh.size();
        }
    }

    /** Records published so far, and how many of them arrived behind the cursor. For metrics and tests. */
    public String describe() {
        return "elasticsearch tail: " + published + " published, " + late + " late";
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
