package io.tapline.proxy.sink;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What a {@link SinkPipeline}'s threads share: its counters and its close state. Every record taken (or event
 * made) is outstanding until it is written, refused, spooled or counted as lost ("settled"); spooled records
 * are then tracked by the spool itself.
 */
final class PipelineState {
    /** Records taken into the hand-off so far (counted there, by the offering thread, before the offer returns). */
    private final LongSupplier taken;
    final AtomicLong eventsMade = new AtomicLong();
    final AtomicLong settled = new AtomicLong();
    final AtomicLong written = new AtomicLong();
    final AtomicLong spooled = new AtomicLong();
    final AtomicLong replayed = new AtomicLong();
    final AtomicLong droppedClosed = new AtomicLong();
    final AtomicLong writeFailures = new AtomicLong();

    volatile boolean closing;
    volatile long closeDeadlineNanos;
    /** The dispatcher has moved its last record: what the backlog holds now is all there will be. */
    volatile boolean dispatchDone;

    PipelineState(LongSupplier taken) {
        this.taken = taken;
    }

    long outstanding() {
        // settled first: whatever it counts was taken before, so the difference never goes below the truth
        long done = settled.get();
        return taken.getAsLong() + eventsMade.get() - done;
    }

    boolean pastCloseDeadline() {
        return closing && System.nanoTime() - closeDeadlineNanos >= 0;
    }

    long closeTimeLeftNanos() {
        return Math.max(0, closeDeadlineNanos - System.nanoTime());
    }
}
