package io.tapline.proxy.sink;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a {@link SinkPipeline}'s threads share: its counters and its close state. Every record taken (or event
 * made) is outstanding until it is written, refused, spooled or counted as lost ("settled"); spooled records
 * are then tracked by the spool itself.
 */
final class PipelineState {
    /** Incremented before an offer and taken back if the offer fails, so a record is never settled uncounted. */
    final LongAdder taken = new LongAdder();
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

    long outstanding() {
        return taken.sum() + eventsMade.get() - settled.get();
    }

    boolean pastCloseDeadline() {
        return closing && System.nanoTime() - closeDeadlineNanos >= 0;
    }

    long closeTimeLeftNanos() {
        return Math.max(0, closeDeadlineNanos - System.nanoTime());
    }
}
