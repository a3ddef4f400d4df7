package io.tapline.api.feed;

import io.tapline.schema.LogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The in-process feed source of the {@code direct} deployment: the proxy's sink path hands every record to
 * {@link #publish}, which only offers it to a bounded queue (it runs on Netty event loops and must never block);
 * one daemon thread prepares each record as the store will hold it (enrichment) and appends it to the ring.
 * A record that finds the queue full is not lost silently: it is counted by scope and becomes a lost-records
 * notice in the ring, which matching streams receive as {@code event: dropped}.
 */
public final class InProcessSource implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InProcessSource.class);
    public static final int DEFAULT_QUEUE_CAPACITY = 16_384;

    private final RingFeed feed;
    private final UnaryOperator<LogRecord> prepare;
    private final BlockingQueue<LogRecord> queue;
    private final Map<EntryScope, AtomicLong> lost = new ConcurrentHashMap<>();
    private final AtomicLong lostTotal = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param prepare turns a captured record into what the store will hold (the direct sink's enrichment), so
     *                that a stream's {@code level} filter and entries match what search returns later
     */
    public InProcessSource(RingFeed feed, UnaryOperator<LogRecord> prepare, int queueCapacity) {
        this.feed = feed;
        this.prepare = prepare;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = new Thread(this::run, "tapline-live-feed");
        thread.setDaemon(true);
        thread.start();
    }

    /** Hands over one captured record; never blocks, never throws. */
    public void publish(LogRecord record) {
        if (record == null || closed) {
            return;
        }
        if (!queue.offer(record)) {
            lost.computeIfAbsent(new EntryScope(record.projectId(), record.containerId(), record.kind(),
                    record.level()), s -> new AtomicLong()).incrementAndGet();
            lostTotal.incrementAndGet();
        }
    }

    /** Records that found the queue full, since start. */
    public long lost() {
        return lostTotal.get();
    }

    private void run() {
        List<LogRecord> batch = new ArrayList<>(256);
        List<LogRecord> prepared = new ArrayList<>(256);
        while (!closed || !queue.isEmpty()) {
            try {
                LogRecord first = queue.poll(100, TimeUnit.MILLISECONDS);
                reportLost();
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 255);
                for (LogRecord record : batch) {
                    prepared.add(prepare(record));
                }
                // One publish for what was queued: each stream is woken once for all its entries of the batch.
                // A record that cannot be rendered becomes a lost-records notice in its place.
                feed.publishAll(prepared);
                batch.clear();
                prepared.clear();
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private LogRecord prepare(LogRecord record) {
        try {
            return prepare.apply(record);
        } catch (RuntimeException e) {
            // As the direct sink does: an enrichment failure stores the record unenriched, never drops it.
            log.warn("live feed: enrichment failed for record {}; publishing it unenriched: {}", record.id(),
                    e.toString());
            return record;
        }
    }

    private void reportLost() {
        // Counters stay in the map (one per scope that ever overflowed): removing one could lose an increment
        // made between the lookup and the removal.
        for (Map.Entry<EntryScope, AtomicLong> e : lost.entrySet()) {
            long n = e.getValue().getAndSet(0);
            if (n > 0) {
                feed.publishLost(e.getKey(), n);
            }
        }
    }

    /** Publishes what is queued (briefly) and stops the thread. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
    }
}
