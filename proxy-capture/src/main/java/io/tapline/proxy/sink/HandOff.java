package io.tapline.proxy.sink;

import io.tapline.schema.LogRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The bounded hand-off from the threads that capture records (Netty event loops) to the one thread that takes
 * them in batches. Offering is lock-free and never waits: a full hand-off refuses. The taker sleeps until enough
 * records are there, and a producer wakes it only when it crossed the threshold the taker asked for, so that
 * under load producers almost never pay for a wake-up. It also knows which offers are in progress, so that close
 * can wait for them instead of stranding a record behind the last take.
 */
final class HandOff {
    private final ConcurrentLinkedQueue<LogRecord> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicInteger offering = new AtomicInteger();
    private final int capacity;
    /** True while the taker sleeps; the producer that flips it back to false wakes the taker. */
    private final AtomicBoolean sleeping = new AtomicBoolean();
    /** The queued count at which a sleeping taker wants to be woken. */
    private volatile int wakeAt = Integer.MAX_VALUE;
    private volatile Thread taker;

    HandOff(int capacity) {
        this.capacity = capacity;
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
        int n = size.incrementAndGet();
        if (n > capacity) {
            size.decrementAndGet();
            return false;
        }
        queue.offer(record);
        if (n >= wakeAt) {
            wake();
        }
        return true;
    }

    /** Waits (briefly, spinning) until no offer is in progress. */
    void awaitOffers(long timeoutNanos) {
        long until = System.nanoTime() + timeoutNanos;
        while (offering.get() > 0 && System.nanoTime() - until < 0) {
            Thread.onSpinWait();
        }
    }

    /** Wakes the taker whatever it waits for (close). */
    void wake() {
        if (sleeping.compareAndSet(true, false)) {
            LockSupport.unpark(taker);
        }
    }

    /**
     * Takes a batch of at most {@code max}: waits up to {@code idleNanos} for a first record, then up to
     * {@code lingerNanos} for the batch to fill, unless {@code stop} says otherwise. Only one thread may take.
     */
    List<LogRecord> take(int max, long idleNanos, long lingerNanos, BooleanSupplier stop) {
        taker = Thread.currentThread();
        List<LogRecord> batch = new ArrayList<>(Math.min(max, 1024));
        drainTo(batch, max);
        if (batch.isEmpty()) {
            await(1, idleNanos, stop);
            drainTo(batch, max);
            if (batch.isEmpty()) {
                return batch;
            }
        }
        long deadline = System.nanoTime() + lingerNanos;
        while (batch.size() < max && !stop.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            await(max - batch.size(), left, stop);
            drainTo(batch, max);
        }
        return batch;
    }

    /** Takes whatever is queued, up to {@code max}, without waiting. */
    List<LogRecord> drain(int max) {
        List<LogRecord> batch = new ArrayList<>();
        drainTo(batch, max);
        return batch;
    }

    int size() {
        return Math.max(0, Math.min(size.get(), capacity));
    }

    private void drainTo(List<LogRecord> batch, int max) {
        LogRecord r;
        while (batch.size() < max && (r = queue.poll()) != null) {
            batch.add(r);
            size.decrementAndGet();
        }
    }

    /** Sleeps until {@code wanted} records are queued, {@code nanos} passed, or {@code stop} holds. */
    private void await(int wanted, long nanos, BooleanSupplier stop) {
        long deadline = System.nanoTime() + nanos;
        wakeAt = wanted;
        sleeping.set(true);
        // Checked after announcing the wish: a producer either sees it, or its record is counted here.
        while (sleeping.get() && size.get() < wanted && !stop.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            LockSupport.parkNanos(this, left);
        }
        sleeping.set(false);
        wakeAt = Integer.MAX_VALUE;
    }
}
