package io.tapline.proxy.sink;

import io.tapline.schema.LogRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The bounded hand-off from the threads that capture records (Netty event loops) to the one thread that takes
 * them in batches. Each producing thread gets its own single-producer ring ({@link Lane}), so producers never
 * write a memory location another producer writes: an offer is a ring slot, one ordered write of the lane's tail,
 * and a read of the taker's state, with no lock and no contended atomic. A full lane refuses. The taker sleeps
 * until enough records are there, and a producer wakes it only when its lane crossed the threshold the taker
 * asked for, so that under load producers almost never pay for a wake-up. Order is kept per producing thread
 * (the records of one exchange come from one event loop).
 */
final class HandOff {
    private final int laneCapacity;
    private final ThreadLocal<Lane> mine = ThreadLocal.withInitial(this::register);
    private final List<Lane> lanes = new CopyOnWriteArrayList<>();
    /** True while the taker sleeps; the producer that flips it back to false wakes the taker. */
    private final AtomicBoolean sleeping = new AtomicBoolean();
    /** The lane size at which a sleeping taker wants to be woken. */
    private volatile int wakeAt = Integer.MAX_VALUE;
    private volatile Thread taker;
    private int next; // taker only: the lane a take starts with, so no lane is always last
    /** Records queued by lanes removed after their thread ended. */
    private volatile long retired;

    /** @param laneCapacity records each producing thread may have waiting (rounded up to a power of two) */
    HandOff(int laneCapacity) {
        this.laneCapacity = laneCapacity;
    }

    /** Queues {@code record} in the calling thread's lane if there is room; never waits. */
    boolean offer(LogRecord record) {
        Lane lane = mine.get();
        if (!lane.offer(record)) {
            return false;
        }
        if (sleeping.get() && lane.size() >= wakeAt) {
            wake();
        }
        return true;
    }

    /** Records ever queued, over all lanes (a lane's tail only grows). */
    long offered() {
        long n = retired;
        for (Lane l : lanes) {
            n += l.tail();
        }
        return n;
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

    /** Takes whatever is queued, up to {@code max}, without waiting. Taker only. */
    List<LogRecord> drain(int max) {
        List<LogRecord> batch = new ArrayList<>();
        drainTo(batch, max);
        return batch;
    }

    /** Records waiting in all lanes now. */
    int size() {
        long n = 0;
        for (Lane l : lanes) {
            n += l.size();
        }
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    private Lane register() {
        Lane lane = new Lane(Thread.currentThread(), laneCapacity);
        lanes.add(lane);
        return lane;
    }

    private void drainTo(List<LogRecord> batch, int max) {
        Lane[] all = lanes.toArray(new Lane[0]); // a snapshot: lanes are removed below
        int n = all.length;
        if (n == 0) {
            return;
        }
        int start = Math.floorMod(next++, n);
        for (int i = 0; i < n && batch.size() < max; i++) {
            Lane lane = all[(start + i) % n];
            boolean ownerGone = !lane.owner.isAlive(); // first: then everything it ever queued is visible below
            lane.drainTo(batch, max - batch.size());
            if (ownerGone && lane.isEmpty()) {
                retired += lane.tail(); // nothing more will come from it
                lanes.remove(lane);
            }
        }
    }

    private boolean enoughQueued(int wanted) {
        for (Lane l : lanes) {
            if (l.size() >= wanted) {
                return true;
            }
        }
        return false;
    }

    /** Sleeps until a lane holds {@code wanted} records, {@code nanos} passed, or {@code stop} holds. */
    private void await(int wanted, long nanos, BooleanSupplier stop) {
        long deadline = System.nanoTime() + nanos;
        wakeAt = wanted;
        sleeping.set(true);
        // Checked after announcing the wish: a producer either sees it, or its record is seen here.
        while (sleeping.get() && !enoughQueued(wanted) && !stop.getAsBoolean()) {
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
