package io.tapline.proxy.sink;

import io.tapline.schema.LogRecord;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * A bounded single-producer, single-consumer ring of records: one capturing thread offers, the hand-off's taker
 * drains. The producer writes only the slots and {@code tail}, the consumer only {@code head}, so neither ever
 * waits for the other. {@code tail} is written as a volatile (a full fence): the taker's sleep protocol needs
 * the producer's record to be visible before the producer reads whether the taker sleeps.
 */
final class Lane {
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(Lane.class, "head", long.class);
            TAIL = l.findVarHandle(Lane.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Thread owner;
    private final LogRecord[] ring;
    private final int mask;
    /** Next slot to read; written by the consumer only. */
    private volatile long head;
    /** Next slot to write, and the count of records ever offered; written by the producer only. */
    private volatile long tail;
    /** The producer's last look at {@code head}: re-read only when the ring seems full. */
    private long headSeen;

    Lane(Thread owner, int capacity) {
        this.owner = owner;
        int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        this.ring = new LogRecord[size];
        this.mask = size - 1;
    }

    /** Producer only: queues {@code r} unless the ring is full. */
    boolean offer(LogRecord r) {
        long t = (long) TAIL.getOpaque(this);
        if (t - headSeen >= ring.length) {
            headSeen = (long) HEAD.getAcquire(this);
            if (t - headSeen >= ring.length) {
                return false;
            }
        }
        ring[(int) t & mask] = r;
        tail = t + 1; // volatile: publishes the slot, and orders it before the producer's look at the taker
        return true;
    }

    /** Consumer only: moves up to {@code max} records into {@code out}, oldest first. */
    int drainTo(List<LogRecord> out, int max) {
        long h = (long) HEAD.getOpaque(this);
        long available = tail - h;
        int n = (int) Math.min(available, max);
        for (int i = 0; i < n; i++) {
            int slot = (int) (h + i) & mask;
            out.add(ring[slot]);
            ring[slot] = null;
        }
        if (n > 0) {
            HEAD.setRelease(this, h + n);
        }
        return n;
    }

    long tail() {
        return tail;
    }

    int size() {
        return (int) (tail - head);
    }

    boolean isEmpty() {
        return tail == head;
    }
}
