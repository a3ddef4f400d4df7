package io.tapline.proxy.sink;

import io.tapline.proxy.sink.DropReporter.Reason;
import io.tapline.schema.LogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The thread between the capturing threads and the writer: takes batches from the {@link HandOff} and puts them
 * in the {@link Backlog} (memory while it has room, else the disk spool), and turns counted losses into drop
 * events. It never waits for the destination, only for the disk, so the hand-off stays short even while the
 * writer is slow or down; only a disk slower than the traffic fills the hand-off (then records are dropped and
 * counted there).
 */
final class Dispatcher implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** How long the thread waits for a first record before looking at due events and close again. */
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final HandOff handOff;
    private final Backlog backlog;
    private final DropReporter drops;
    private final PipelineState state;
    private final int maxBatch;
    private final long lingerNanos;
    private final String name;

    Dispatcher(HandOff handOff, Backlog backlog, DropReporter drops, PipelineState state, int maxBatch,
               long lingerNanos, String name) {
        this.handOff = handOff;
        this.backlog = backlog;
        this.drops = drops;
        this.state = state;
        this.maxBatch = maxBatch;
        this.lingerNanos = lingerNanos;
        this.name = name;
    }

    @Override
    public void run() {
        try {
            while (!state.closing) {
                try {
                    place(handOff.take(maxBatch, IDLE_NANOS, lingerNanos, () -> state.closing));
                    placeEvents(false);
                } catch (Throwable t) { // the thread must outlive any bug: records keep arriving
                    LOG.error("sink {}: dispatching failed unexpectedly; carrying on", name, t);
                    pause();
                }
            }
            // An accept that saw the pipeline open may still be finishing its offer: drain until a short quiet
            // spell. One that lands even later is not lost silently: close counts it as undelivered.
            long quietUntil = System.nanoTime() + QUIET_NANOS;
            while (System.nanoTime() - quietUntil < 0) {
                List<LogRecord> b = handOff.drain(maxBatch);
                if (b.isEmpty()) {
                    Thread.onSpinWait();
                } else {
                    place(b);
                    quietUntil = System.nanoTime() + QUIET_NANOS;
                }
            }
            placeEvents(true);
        } catch (Throwable t) {
            LOG.error("sink {}: dispatching failed while closing", name, t);
        } finally {
            state.dispatchDone = true;
            backlog.wake();
        }
    }

    /** Puts a batch behind everything waiting, or counts it lost. */
    private void place(List<LogRecord> batch) {
        while (!batch.isEmpty()) {
            long roomNanos = state.closing ? state.closeTimeLeftNanos() : IDLE_NANOS;
            Backlog.Added a = backlog.add(batch, roomNanos);
            switch (a.placed()) {
                case MEMORY -> {
                    return;
                }
                case SPOOL -> {
                    spooled(batch.size() + a.movedFromMemory());
                    return;
                }
                case DROPPED_SPOOL_FULL -> {
                    drops.count(Reason.SPOOL_FULL, batch.size());
                    state.settled.addAndGet(batch.size());
                    return;
                }
                case NO_ROOM -> { // memory only, and full: wait for the writer (the hand-off fills meanwhile)
                    if (state.closing) {
                        state.droppedClosed.addAndGet(batch.size());
                        state.settled.addAndGet(batch.size());
                        return;
                    }
                    placeEvents(false);
                }
            }
        }
    }

    /** Drop events due now (all unreported losses when {@code force}), placed like any record. */
    private void placeEvents(boolean force) {
        state.eventsMade.incrementAndGet(); // held while the report is made: flush never sees it made but uncounted
        List<LogRecord> events = drops.due(force);
        state.eventsMade.addAndGet(events.size() - 1);
        if (events.isEmpty()) {
            return;
        }
        Backlog.Added a = backlog.add(events, 0);
        switch (a.placed()) {
            case MEMORY -> {
            }
            case SPOOL -> spooled(events.size() + a.movedFromMemory());
            default -> { // nowhere to keep them: their counts are reported again later
                drops.unreport(events);
                state.settled.addAndGet(events.size());
            }
        }
    }

    private void spooled(int n) {
        state.spooled.addAndGet(n);
        state.settled.addAndGet(n);
    }

    private static void pause() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            // ignored: close, not interruption, ends the thread
        }
    }
}
