package io.tapline.proxy.sink;

import io.tapline.proxy.sink.DropReporter.Reason;
import io.tapline.proxy.spool.DiskSpool;
import io.tapline.schema.LogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The asynchronous, bounded, batching {@link RecordSink}: {@code accept} only offers to a bounded queue, and one
 * daemon thread drains it in batches into a {@link BatchWriter}. When the writer fails, batches go to the
 * {@link DiskSpool} and are replayed in order once it recovers; whatever cannot be kept is counted and reported
 * as an {@code event} record. Build one with {@link #builder(BatchWriter)}.
 */
public final class SinkPipeline implements RecordSink {
    private static final Logger LOG = LoggerFactory.getLogger(SinkPipeline.class);
    /** How long the thread waits for a first record before looking at due events and close again. */
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final BatchWriter writer;
    private final DiskSpool spool;
    private final RecordQueue queue;
    private final int maxBatch;
    private final long lingerNanos;
    private final Duration closeTimeout;
    private final RetryBackoff backoff;
    private final DropReporter drops;
    private final Thread thread;

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong spooled = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong droppedClosed = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();
    /** Records handed over (or events made) and not yet written, spooled or counted as lost. */
    private final AtomicLong outstanding = new AtomicLong();
    private volatile boolean closing;
    private volatile long closeDeadlineNanos;
    /** Without a spool: the failed batch retried in memory. Sink thread only. */
    private List<LogRecord> pending;

    SinkPipeline(SinkPipelineBuilder b) {
        this.writer = b.writer;
        this.spool = b.spool;
        this.queue = new RecordQueue(b.queueCapacity);
        this.maxBatch = b.maxBatch;
        this.lingerNanos = b.linger.toNanos();
        this.closeTimeout = b.closeTimeout;
        this.backoff = new RetryBackoff(b.backoffStart, b.backoffMax);
        this.drops = new DropReporter(b.ids, b.eventTemplate, b.clock, writer.describe());
        this.thread = new Thread(this::run, "tapline-sink[" + writer.describe() + "]");
        thread.setDaemon(true);
        thread.start();
    }

    /** A builder for a pipeline delivering to {@code writer}. */
    public static SinkPipelineBuilder builder(BatchWriter writer) {
        return new SinkPipelineBuilder(writer);
    }

    @Override
    public void accept(LogRecord record) {
        if (record == null) {
            return;
        }
        queue.beginOffer();
        try {
            if (closing) {
                droppedClosed.incrementAndGet();
                return;
            }
            outstanding.incrementAndGet();
            if (queue.offer(record)) {
                accepted.incrementAndGet();
            } else {
                outstanding.decrementAndGet();
                drops.count(Reason.QUEUE_FULL, 1);
            }
        } finally {
            queue.endOffer();
        }
    }

    /** Waits until every record handed over so far is written (or reported lost) and the spool is empty. */
    public boolean flush(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (outstanding.get() > 0 || (spool != null && !spool.isEmpty()) || drops.hasUnreported()) {
            if (System.nanoTime() - deadline >= 0 || !thread.isAlive()) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    public SinkStats stats() {
        return new SinkStats(accepted.get(), written.get(), spooled.get(), replayed.get(),
                drops.count(Reason.QUEUE_FULL), drops.count(Reason.SPOOL_FULL), droppedClosed.get(),
                drops.count(Reason.REJECTED), writeFailures.get(), queue.size(), spool == null ? 0 : spool.sizeBytes());
    }

    /**
     * Stops accepting, then delivers what is queued within the close timeout: to the writer, or to the spool
     * while the writer fails (spooled records are replayed at the next start). Closes the writer and the spool.
     */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closeDeadlineNanos = System.nanoTime() + closeTimeout.toNanos();
        closing = true;
        try {
            thread.join(closeTimeout.toMillis() + 1000);
            if (thread.isAlive()) {
                LOG.warn("sink {} still busy {} after close began; closing the writer under it", writer.describe(),
                        closeTimeout);
            }
            writer.close();
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (spool != null && !thread.isAlive()) {
                spool.close();
            }
        }
    }

    private void run() {
        while (!closing) {
            try {
                step();
            } catch (Throwable t) { // the thread must outlive any bug: records keep arriving
                LOG.error("sink {} failed unexpectedly; carrying on", writer.describe(), t);
                pause(TimeUnit.SECONDS.toNanos(1));
            }
        }
        try {
            queue.awaitOffers(TimeUnit.SECONDS.toNanos(1)); // an accept that saw "open" is finishing its offer
            shutdown();
        } catch (Throwable t) {
            LOG.error("sink {} failed while closing", writer.describe(), t);
        } finally {
            long lost = outstanding.getAndSet(0);
            if (lost > 0) {
                droppedClosed.addAndGet(lost);
                LOG.warn("sink {} closed with {} records undelivered and no spool to keep them", writer.describe(),
                        lost);
            }
        }
    }

    /** One round of work while open. */
    private void step() {
        if (spool != null && !spool.isEmpty()) {
            spoolQueued(); // new records go behind the spooled ones: order is kept
            if (backoff.remainingNanos() > 0) {
                pause(Math.min(backoff.remainingNanos(), IDLE_NANOS));
                return;
            }
            replayHead();
        } else if (pending != null) {
            if (backoff.remainingNanos() > 0) {
                pause(Math.min(backoff.remainingNanos(), IDLE_NANOS));
            } else if (deliver(pending)) {
                outstanding.addAndGet(-pending.size());
                pending = null;
            }
        } else {
            deliverFresh(queue.take(maxBatch, IDLE_NANOS, lingerNanos, () -> closing), events());
        }
    }

    /** Delivers what is left within the close deadline; a failing writer's records go to the spool at once. */
    private void shutdown() {
        while (System.nanoTime() - closeDeadlineNanos < 0) {
            if (spool != null && !spool.isEmpty()) {
                spoolQueued();
                if (backoff.remainingNanos() > 0) {
                    return; // the writer is down and everything is on disk: replay waits for the next start
                }
                replayHead();
            } else if (pending != null) {
                pause(Math.min(backoff.remainingNanos(), closeDeadlineNanos - System.nanoTime()));
                if (deliver(pending)) {
                    outstanding.addAndGet(-pending.size());
                    pending = null;
                }
            } else {
                List<LogRecord> batch = queue.drain(maxBatch);
                List<LogRecord> events = events();
                if (batch.isEmpty() && events.isEmpty()) {
                    return;
                }
                deliverFresh(batch, events);
            }
        }
        if (spool != null) {
            spoolQueued();
        }
    }

    /** Drop events due now, counted as outstanding like any record. */
    private List<LogRecord> events() {
        outstanding.incrementAndGet(); // held while the report is made, so flush never sees it made but not counted
        List<LogRecord> events = drops.due();
        outstanding.addAndGet(events.size() - 1);
        return events;
    }

    private void spoolQueued() {
        for (List<LogRecord> batch = queue.drain(maxBatch); !batch.isEmpty(); batch = queue.drain(maxBatch)) {
            toSpool(batch);
        }
        spoolEvents(events());
    }

    /** Events go to the spool on their own: if it is full they are taken back and reported again later. */
    private void spoolEvents(List<LogRecord> events) {
        if (events.isEmpty()) {
            return;
        }
        if (append(events)) {
            spooled.addAndGet(events.size());
        } else {
            drops.unreport(events);
        }
        outstanding.addAndGet(-events.size());
    }

    private void replayHead() {
        List<LogRecord> head = spool.peek(maxBatch);
        if (!head.isEmpty() && deliver(head)) {
            replayed.addAndGet(head.size()); // before the commit, so that whoever sees the spool empty sees this
            spool.commit(head.size());
        }
    }

    /** Writes a batch taken from the queue; if the writer fails, to the spool or held for an in-memory retry. */
    private void deliverFresh(List<LogRecord> records, List<LogRecord> events) {
        List<LogRecord> batch = records;
        if (!events.isEmpty()) {
            batch = new ArrayList<>(records);
            batch.addAll(events);
        }
        if (batch.isEmpty()) {
            return;
        }
        if (deliver(batch)) {
            outstanding.addAndGet(-batch.size());
        } else if (spool != null) {
            if (!records.isEmpty()) {
                toSpool(records);
            }
            spoolEvents(events);
        } else {
            pending = batch;
        }
    }

    private void toSpool(List<LogRecord> batch) {
        if (append(batch)) {
            spooled.addAndGet(batch.size());
        } else {
            drops.count(Reason.SPOOL_FULL, batch.size());
        }
        outstanding.addAndGet(-batch.size());
    }

    private boolean append(List<LogRecord> batch) {
        try {
            return spool.append(batch);
        } catch (RuntimeException e) {
            LOG.error("spool {} refused {} records: {}", spool.directory(), batch.size(), e.getMessage());
            return false;
        }
    }

    /** Writes one batch; true when the destination took it (rejected records are counted, not retried). */
    private boolean deliver(List<LogRecord> batch) {
        try {
            int rejected = writer.write(batch);
            written.addAndGet(batch.size() - rejected);
            drops.count(Reason.REJECTED, rejected);
            int failures = backoff.succeeded();
            if (failures > 0) {
                LOG.info("sink {} recovered after {} failed attempts", writer.describe(), failures);
            }
            return true;
        } catch (SinkUnavailableException | RuntimeException e) {
            writeFailures.incrementAndGet();
            if (backoff.failures() == 0) {
                LOG.warn("sink {} unavailable, {}: {}", writer.describe(),
                        spool == null ? "retrying in memory" : "spooling to " + spool.directory(), e.toString());
            }
            backoff.failed();
            return false;
        }
    }

    private void pause(long nanos) {
        if (nanos > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(nanos);
            } catch (InterruptedException e) {
                // ignored: close, not interruption, ends the thread; a set flag would break the spool's channels
            }
        }
    }
}
