package io.tapline.proxy.sink;

import io.tapline.proxy.sink.DropReporter.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The thread that writes the {@link Backlog} to the destination, oldest first, one batch at a time, waiting
 * with an exponential backoff while the destination is down. The only thread that calls the {@link BatchWriter},
 * and the only one that may block on the network.
 */
final class Deliverer implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Deliverer.class);
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final BatchWriter writer;
    private final Backlog backlog;
    private final DropReporter drops;
    private final PipelineState state;
    private final RetryBackoff backoff;
    private final int maxBatch;
    private final boolean spooling;

    Deliverer(BatchWriter writer, Backlog backlog, DropReporter drops, PipelineState state, RetryBackoff backoff,
              int maxBatch, boolean spooling) {
        this.writer = writer;
        this.backlog = backlog;
        this.drops = drops;
        this.state = state;
        this.backoff = backoff;
        this.maxBatch = maxBatch;
        this.spooling = spooling;
    }

    @Override
    public void run() {
        try {
            while (!finished()) {
                try {
                    step();
                } catch (Throwable t) { // the thread must outlive any bug: records keep arriving
                    LOG.error("sink {} failed unexpectedly; carrying on", writer.describe(), t);
                    pause(TimeUnit.SECONDS.toNanos(1));
                }
            }
        } finally {
            keepWhatIsLeft();
        }
    }

    /** Open: never. Closing: once everything is delivered, the time is up, or the writer is down with a spool. */
    private boolean finished() {
        if (!state.closing) {
            return false;
        }
        if (state.dispatchDone && backlog.isEmpty() || state.pastCloseDeadline()) {
            return true;
        }
        // The writer is down: everything goes on disk now and replays at the next start (once dispatching ended).
        return spooling && state.dispatchDone && backoff.remainingNanos() > 0;
    }

    private void step() throws InterruptedException {
        long wait = backoff.remainingNanos();
        if (wait > 0) {
            pause(Math.min(wait, state.closing ? Math.min(IDLE_NANOS, state.closeTimeLeftNanos()) : IDLE_NANOS));
            return;
        }
        Backlog.Batch batch = backlog.next(maxBatch, state.closing ? TimeUnit.MILLISECONDS.toNanos(5) : IDLE_NANOS);
        if (batch == null) {
            return;
        }
        if (deliver(batch.records())) {
            if (batch.fromSpool()) {
                state.replayed.addAndGet(batch.records().size()); // before the commit: whoever sees it empty sees this
                backlog.delivered(batch);
            } else {
                state.settled.addAndGet(batch.records().size());
            }
        } else {
            int moved = backlog.failed(batch);
            state.spooled.addAndGet(moved);
            state.settled.addAndGet(moved);
        }
    }

    /** After close: memory goes to the spool; what cannot be kept anywhere is counted as lost. */
    private void keepWhatIsLeft() {
        int moved = backlog.spoolMemory();
        state.spooled.addAndGet(moved);
        state.settled.addAndGet(moved);
        if (!state.dispatchDone) {
            return; // still dispatching past the deadline: the pipeline's close counts what it never got to
        }
        long lost = state.outstanding();
        if (lost > 0) {
            state.droppedClosed.addAndGet(lost);
            state.settled.addAndGet(lost);
            LOG.warn("sink {} closed with {} records undelivered and nowhere to keep them", writer.describe(), lost);
        }
    }

    /** Writes one batch; true when the destination took it (refused records are counted, not retried). */
    private boolean deliver(List<io.tapline.schema.LogRecord> batch) {
        try {
            int rejected = writer.write(batch);
            state.written.addAndGet(batch.size() - rejected);
            drops.count(Reason.REJECTED, rejected);
            int failures = backoff.succeeded();
            if (failures > 0) {
                LOG.info("sink {} recovered after {} failed attempts", writer.describe(), failures);
            }
            return true;
        } catch (SinkUnavailableException | RuntimeException e) {
            state.writeFailures.incrementAndGet();
            if (backoff.failures() == 0) {
                LOG.warn("sink {} unavailable, {}: {}", writer.describe(),
                        spooling ? "spooling to disk" : "retrying in memory", e.toString());
            }
            backoff.failed();
            return false;
        }
    }

    private static void pause(long nanos) {
        if (nanos > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(nanos);
            } catch (InterruptedException e) {
                // ignored: close, not interruption, ends the thread; a set flag would break the spool's channels
            }
        }
    }
}
