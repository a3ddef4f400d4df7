package io.tapline.proxy.sink;

import io.tapline.schema.LogRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The bounded hand-off between the threads that capture records and the sink thread: offering never waits,
 * taking gathers a batch and may wait for it to fill. It also knows which offers are in progress, so that
 * close can wait for them instead of stranding a record behind the last drain.
 */
final class RecordQueue {
    private final ArrayBlockingQueue<LogRecord> queue;
    private final AtomicInteger offering = new AtomicInteger();

    RecordQueue(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Marks an offer as begun; pair with {@link #endOffer()}. */
    void beginOffer() {
        offering.incrementAndGet();
    }

    void endOffer() {
        offering.decrementAndGet();
    }

    /** Queues {@code record} if there is room; never waits. */
    boolean offer(LogRecord record) {
        return queue.offer(record);
    }

    /** Waits (briefly, spinning) until no offer is in progress. */
    void awaitOffers(long timeoutNanos) {
        long until = System.nanoTime() + timeoutNanos;
        while (offering.get() > 0 && System.nanoTime() - until < 0) {
            Thread.onSpinWait();
        }
    }

    /**
     * Takes a batch of at most {@code max}: waits up to {@code idleNanos} for a first record (0: not at all),
     * then up to {@code lingerNanos} for the batch to fill, unless {@code stop} says otherwise.
     */
    List<LogRecord> take(int max, long idleNanos, long lingerNanos, BooleanSupplier stop) {
        List<LogRecord> batch = new ArrayList<>();
        LogRecord first = poll(idleNanos);
        if (first == null) {
            return batch;
        }
        batch.add(first);
        queue.drainTo(batch, max - 1);
        long deadline = System.nanoTime() + lingerNanos;
        while (batch.size() < max && !stop.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            LogRecord next = left <= 0 ? null : poll(left);
            if (next == null) {
                break;
            }
            batch.add(next);
            queue.drainTo(batch, max - batch.size());
        }
        return batch;
    }

    /** Takes whatever is queued, up to {@code max}, without waiting. */
    List<LogRecord> drain(int max) {
        List<LogRecord> batch = new ArrayList<>();
        queue.drainTo(batch, max);
        return batch;
    }

    int size() {
        return queue.size();
    }

    private LogRecord poll(long nanos) {
        try {
            return nanos <= 0 ? queue.poll() : queue.poll(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            // Nobody interrupts the sink thread on purpose; keeping the flag would break its file channels.
            return null;
        }
    }
}
