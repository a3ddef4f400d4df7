package io.tapline.proxy.sink;

import io.tapline.proxy.spool.DiskSpool;
import io.tapline.schema.LogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What waits for the writer, in order: a bounded run of batches in memory and, behind it, the disk spool. One
 * thread adds (the dispatcher), one takes (the deliverer).
 *
 * <p>The rule that keeps the order: records are either all in memory or all in the spool. While memory has room
 * and nothing is spilled, batches stay in memory. The first batch that does not fit takes everything in memory
 * with it into the spool ("spilling"), and every later batch follows it there, until the deliverer has replayed
 * the spool to its end; only then does memory take batches again. The one exception is the batch the deliverer
 * holds while it writes: it is older than everything here, and it stays in memory if its write fails after the
 * spool was started, to be retried before the spool (see {@link #failed}).
 *
 * <p>Disk work (encoding into the spool, appends) happens on the dispatcher's thread while it holds the lock;
 * the deliverer reads the spool outside it. Capturing threads never touch this class.
 */
final class Backlog {
    private static final Logger LOG = LoggerFactory.getLogger(Backlog.class);

    /** Where {@link #add} put a batch. */
    enum Placed { MEMORY, SPOOL, DROPPED_SPOOL_FULL, NO_ROOM }

    /** A batch handed to the deliverer; {@code fromSpool}: commit it in the spool once written. */
    record Batch(List<LogRecord> records, boolean fromSpool) {
    }

    /** What one {@link #add} did: where the batch went, and how many older memory records moved with it. */
    record Added(Placed placed, int movedFromMemory) {
    }

    private final DiskSpool spool;
    private final int memoryCapacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<List<LogRecord>> memory = new ArrayDeque<>();
    private int memoryRecords;
    /** A batch whose write failed while the spool held newer records: it goes first. Deliverer only. */
    private List<LogRecord> retry;
    private boolean spilling;

    /** @param spool where records wait when memory is full or the writer is down; null: memory only */
    Backlog(DiskSpool spool, int memoryCapacity) {
        this.spool = spool;
        this.memoryCapacity = memoryCapacity;
    }

    /**
     * Adds a batch behind everything waiting: to memory if it fits and nothing is spilled, else to the spool (with
     * whatever memory held, so the order stays). Without a spool, waits up to {@code roomNanos} for memory.
     */
    Added add(List<LogRecord> batch, long roomNanos) {
        if (batch.isEmpty()) {
            return new Added(Placed.MEMORY, 0);
        }
        lock.lock();
        try {
            if (spool == null) {
                long left = roomNanos;
                while (memoryRecords > 0 && memoryRecords + batch.size() > memoryCapacity && left > 0) {
                    left = changed.awaitNanos(left);
                }
                if (memoryRecords > 0 && memoryRecords + batch.size() > memoryCapacity) {
                    return new Added(Placed.NO_ROOM, 0);
                }
                toMemory(batch);
                return new Added(Placed.MEMORY, 0);
            }
            if (!spilling && (memoryRecords == 0 || memoryRecords + batch.size() <= memoryCapacity)) {
                toMemory(batch);
                return new Added(Placed.MEMORY, 0);
            }
            List<LogRecord> out = batch;
            int moved = 0;
            if (!spilling && memoryRecords > 0) {
                out = new ArrayList<>(memoryRecords + batch.size());
                for (List<LogRecord> b : memory) {
                    out.addAll(b);
                }
                moved = memoryRecords;
                out.addAll(batch);
            }
            if (!append(out)) {
                return new Added(Placed.DROPPED_SPOOL_FULL, 0); // memory, if any, stays where it was
            }
            if (moved > 0) {
                memory.clear();
                memoryRecords = 0;
            }
            spilling = true;
            changed.signalAll();
            return new Added(Placed.SPOOL, moved);
        } catch (InterruptedException e) {
            return new Added(Placed.NO_ROOM, 0); // nobody interrupts the dispatcher on purpose
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next batch to write, oldest first, at most {@code max} records (spool reads may return fewer); waits up
     * to {@code waitNanos} when nothing waits. Null when nothing came.
     */
    Batch next(int max, long waitNanos) throws InterruptedException {
        boolean replay;
        lock.lock();
        try {
            if (retry != null) {
                List<LogRecord> b = retry;
                retry = null;
                return new Batch(b, false);
            }
            if (memory.isEmpty() && !spilling && waitNanos > 0) {
                changed.awaitNanos(waitNanos);
            }
            if (!memory.isEmpty()) {
                return new Batch(takeMemory(max), false);
            }
            replay = spilling && !spool.isEmpty();
            if (spilling && !replay) {
                spilling = false; // replayed to the end: memory takes batches again
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (!replay) {
            return null;
        }
        List<LogRecord> head = spool.peek(max); // outside the lock: the dispatcher keeps appending meanwhile
        return head.isEmpty() ? null : new Batch(head, true);
    }

    /** The deliverer wrote {@code batch}: a spooled batch is consumed from the spool. */
    void delivered(Batch batch) {
        if (batch.fromSpool()) {
            spool.commit(batch.records().size());
        }
    }

    /**
     * The writer failed {@code batch}. A spooled batch stays at the spool's head. A memory batch moves with the
     * rest of memory into an empty spool, where it survives the process; if the spool already holds newer
     * records (or cannot take it), it is kept in memory and retried first.
     *
     * @return the memory records moved into the spool (0 if none)
     */
    int failed(Batch batch) {
        if (batch.fromSpool()) {
            return 0;
        }
        lock.lock();
        try {
            if (spool != null && spool.isEmpty()) {
                List<LogRecord> out = new ArrayList<>(batch.records().size() + memoryRecords);
                out.addAll(batch.records());
                for (List<LogRecord> b : memory) {
                    out.addAll(b);
                }
                if (append(out)) {
                    memory.clear();
                    memoryRecords = 0;
                    spilling = true;
                    changed.signalAll();
                    return out.size();
                }
            }
            retry = batch.records();
            return 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * At close, with the writer down or out of time: everything still in memory goes to the spool, the records
     * the last failed write held first. When the spool already holds records these land behind them, the one
     * case where the order is not kept (a restart during an outage).
     *
     * @return the records moved into the spool; those that did not fit stay, see {@link #memoryRecords()}
     */
    int spoolMemory() {
        if (spool == null) {
            return 0;
        }
        lock.lock();
        try {
            List<LogRecord> out = new ArrayList<>();
            if (retry != null) {
                out.addAll(retry);
            }
            for (List<LogRecord> b : memory) {
                out.addAll(b);
            }
            if (out.isEmpty() || !append(out)) {
                return 0;
            }
            retry = null;
            memory.clear();
            memoryRecords = 0;
            spilling = true;
            return out.size();
        } finally {
            lock.unlock();
        }
    }

    /** Records waiting in memory (the batch being written not included). */
    int memoryRecords() {
        lock.lock();
        try {
            return memoryRecords + (retry == null ? 0 : retry.size());
        } finally {
            lock.unlock();
        }
    }

    /** True when nothing waits, in memory or in the spool. */
    boolean isEmpty() {
        lock.lock();
        try {
            return memory.isEmpty() && retry == null && (spool == null || spool.isEmpty());
        } finally {
            lock.unlock();
        }
    }

    /** Wakes a deliverer waiting in {@link #next} (close). */
    void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void toMemory(List<LogRecord> batch) {
        memory.add(batch);
        memoryRecords += batch.size();
        changed.signalAll();
    }

    /** Whole batches from memory, merged up to {@code max} records (a single larger batch is taken alone). */
    private List<LogRecord> takeMemory(int max) {
        List<LogRecord> first = memory.poll();
        memoryRecords -= first.size();
        if (memory.isEmpty() || first.size() + memory.peek().size() > max) {
            changed.signalAll();
            return first;
        }
        List<LogRecord> out = new ArrayList<>(first);
        while (!memory.isEmpty() && out.size() + memory.peek().size() <= max) {
            List<LogRecord> b = memory.poll();
            memoryRecords -= b.size();
            out.addAll(b);
        }
        changed.signalAll();
        return out;
    }

    private boolean append(List<LogRecord> records) {
        try {
            return spool.append(records);
        } catch (RuntimeException e) {
            LOG.error("spool {} refused {} records: {}", spool.directory(), records.size(), e.getMessage());
            return false;
        }
    }
}
