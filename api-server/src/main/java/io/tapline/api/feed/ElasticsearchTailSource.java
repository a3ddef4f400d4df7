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
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The feed source of the Logstash deployment, where records reach Elasticsearch without passing through this
 * process: polls for records with a {@code tapline.id} above the highest one followed, in id order. Records do not
 * become searchable in id order (bulk batches, refreshes, several Logstash workers), so the same search also counts
 * the records of the last {@code settle} window of ids below the cursor; when Elasticsearch holds more than were
 * followed, {@link LateScan} finds and publishes the late ones without reading the window again. Every followed id
 * of the window is remembered, so nothing is published twice. A record that becomes visible more than
 * {@code settle} after its capture is not followed (search has it).
 *
 * <p>Polls start every {@code poll} (from one start to the next, not after a pause), so a record waits for the
 * next refresh plus at most one poll period: Elasticsearch has no push for "a refresh made new records visible".
 *
 * <p>While the feed has no subscriber, polls start only every {@code idlePoll}: an idle API then costs the node
 * and this process next to nothing (at a 50 ms period, the empty searches alone took about 75 ms of the node's
 * CPU per second). The follower keeps following, only less often, so the ring stays complete for a client that
 * resumes with its {@code Last-Event-ID}; a subscribe wakes it for a poll at once, and the poll after a longer
 * wait reaches that much further back below the cursor, so a late record is found as if polls had never slowed.
 */
public final class ElasticsearchTailSource implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchTailSource.class);
    /**
     * An empty poll is one search that matches nothing above the cursor and counts the window from the index's
     * points (about a millisecond of the node's CPU); 50 ms polls take at most 50 ms off a record's way.
     */
    public static final Duration DEFAULT_POLL = Duration.ofMillis(50);
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(10);
    /**
     * The poll period while nobody listens: a subscriber wakes the follower at once, so this only bounds how stale
     * the ring gets (a resuming client's replay) and how much one poll reads after the wait.
     */
    public static final Duration DEFAULT_IDLE_POLL = Duration.ofSeconds(2);
    static final int PAGE = 1_000;
    /**
     * The first page of a poll is small: a refresh makes about a second of records visible at once, and its oldest
     * ones, which have waited longest, are at the front; they reach the streams after a quarter of a page's
     * search, decoding, rendering and writing instead of a whole one's, while the rest is read.
     */
    static final int FIRST_PAGE = 250;

    private final RingFeed feed;
    private final ElasticsearchTail tail;
    private final long pollMs;
    private final long idlePollMs;
    private final long settleMs;
    private final LongSupplier clockMs;
    private final LateScan lateScan;
    private final Thread thread;
    private volatile boolean closed;
    /** Set by a subscribe while the follower waits out an idle period: poll at once. */
    private volatile boolean woken;
    private volatile boolean idling;

    /** Records captured before the follower started are history, not news: never published. */
    private final long startFloor;
    // Poll thread only.
    private long cursor;
    private final TreeSet<Long> followed = new TreeSet<>();
    private long published;
    private long late;
    private boolean failing;
    private long polls;

    /** Starts following records captured from now on, polling every {@link #DEFAULT_IDLE_POLL} while idle. */
    public ElasticsearchTailSource(RingFeed feed, ElasticsearchTail tail, Duration poll, Duration settle,
                                   LongSupplier clockMs) {
        this(feed, tail, poll, DEFAULT_IDLE_POLL, settle, clockMs, true);
    }

    /** Starts following records captured from now on; every {@code idlePoll} while the feed has no subscriber. */
    public ElasticsearchTailSource(RingFeed feed, ElasticsearchTail tail, Duration poll, Duration idlePoll,
                                   Duration settle, LongSupplier clockMs) {
        this(feed, tail, poll, idlePoll, settle, clockMs, true);
    }

    /** A follower without its thread: the caller runs each {@link #pollOnce}, so a test decides what a poll sees. */
    static ElasticsearchTailSource polledByCaller(RingFeed feed, ElasticsearchTail tail, Duration settle,
                                                  LongSupplier clockMs) {
        return new ElasticsearchTailSource(feed, tail, Duration.ofMillis(1), Duration.ofMillis(1), settle, clockMs,
                false);
    }

    private ElasticsearchTailSource(RingFeed feed, ElasticsearchTail tail, Duration poll, Duration idlePoll,
                                    Duration settle, LongSupplier clockMs, boolean start) {
        if (poll.toMillis() < 1 || settle.toMillis() < 1 || idlePoll.compareTo(poll) < 0) {
            throw new IllegalArgumentException("poll and settle must be at least 1 ms, idlePoll at least poll");
        }
        this.feed = feed;
        this.tail = tail;
        this.pollMs = poll.toMillis();
        this.idlePollMs = idlePoll.toMillis();
        this.settleMs = settle.toMillis();
        this.clockMs = clockMs;
        this.cursor = IdGenerator.firstIdAt(clockMs.getAsLong()) - 1;
        this.startFloor = cursor;
        this.lateScan = new LateScan(tail, followed, PAGE, this::publish);
        this.thread = new Thread(this::run, "tapline-es-tail");
        thread.setDaemon(true);
        if (start) {
            feed.onSubscribe(this::wake);
            thread.start();
        }
    }

    /** A subscriber arrived: an idle follower polls at once, so the new stream's first records are not late. */
    private void wake() {
        if (idling) {
            woken = true;
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        long next = System.nanoTime();
        long lastStart = next;
        while (!closed) {
            long start = System.nanoTime();
            // A poll later than one period after the previous one (an idle wait, an overrun, a stalled machine)
            // reaches as much further back, so a record's settle window is the same as on schedule.
            long lagMs = Math.max(0, (start - lastStart) / 1_000_000L - pollMs);
            lastStart = start;
            try {
                pollOnce(lagMs);
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
            // The period runs from one poll's start to the next; a poll that overran starts the next one at once,
            // but never more than one period is caught up (a node that was down is not then searched in a burst).
            boolean listened = feed.subscribers() > 0;
            next = Math.max(next + (listened ? pollMs : idlePollMs) * 1_000_000L, System.nanoTime());
            if (!listened) {
                idling = true;
                // A subscribe between the count above and this flag set no wake: look again.
                if (feed.subscribers() > 0) {
                    next = Math.min(next, System.nanoTime());
                }
            }
            while (!closed && !woken) {
                long waitNanos = next - System.nanoTime();
                if (waitNanos <= 0) {
                    break;
                }
                LockSupport.parkNanos(this, waitNanos);
                if (Thread.interrupted()) {
                    return;
                }
            }
            idling = false;
            woken = false;
            if (closed) {
                return;
            }
            next = Math.min(next, System.nanoTime());
        }
    }

    /** One poll: new records above the cursor, then late ones within the settle window. Package-private for tests. */
    void pollOnce() {
        pollOnce(0);
    }

    /**
     * One poll whose settle window reaches {@code lagMs} further back (the poll came that much late).
     * Package-private for tests.
     */
    void pollOnce(long lagMs) {
        polls++;
        long floor = Math.max(startFloor, IdGenerator.firstIdAt(clockMs.getAsLong() - settleMs - lagMs) - 1);
        followed.headSet(floor, true).clear();
        for (int size = FIRST_PAGE; ; size = PAGE) {
            long asked = cursor;
            // Every remembered id lies in (floor, asked]; the page's records all lie above asked.
            int known = followed.size();
            ElasticsearchTail.Poll poll = tail.after(asked, floor, size);
            publish(poll.records());
            if (poll.records().size() == size) {
                continue; // the window was not counted: every record above the cursor must be in the answer
            }
            if (poll.settled() > known) {
                lateScan.scan(floor, asked, poll.settled());
            }
            return;
        }
    }

    /**
     * Publishes the records of a page not published yet, in one batch: each stream is woken once per page. A record
     * above the cursor moves it; one at or below it arrived late (a poll's pages never hold one, the late scan's
     * always do) and is published unless it was followed already.
     */
    private void publish(List<LogRecord> page) {
        List<LogRecord> fresh = new ArrayList<>(page.size());
        for (LogRecord record : page) {
            if (record.id() > cursor) {
                cursor = record.id();
            } else if (followed.contains(record.id())) {
                continue; // already published
            } else {
                late++;
            }
            followed.add(record.id());
            fresh.add(record);
        }
        if (!fresh.isEmpty()) {
            feed.publishAll(fresh);
            published += fresh.size();
        }
    }

    /** Records published so far, how many arrived behind the cursor, and what finding them cost. For tests. */
    public String describe() {
        return "elasticsearch tail: " + published + " published, " + late + " late; " + lateScan.describe()
                + "; " + polls + " polls";
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
