package io.tapline.proxy.sink;

import io.tapline.proxy.sink.DropReporter.Reason;
import io.tapline.proxy.spool.DiskSpool;
import io.tapline.schema.LogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The asynchronous, bounded, batching {@link RecordSink}. {@code accept} only offers to a lock-free bounded
 * hand-off; a dispatcher thread moves batches into a backlog that is in memory while it has room and on the
 * {@link DiskSpool} once it has not (a slow or failing destination), and a deliverer thread writes the backlog,
 * oldest first, into a {@link BatchWriter}. Records are delivered in order and once; they are lost only when
 * the spool is full, or when the hand-off is full because the spool's disk cannot keep up, and then they are
 * counted and reported as an {@code event} record. Build one with {@link #builder(BatchWriter)}.
 */
public final class SinkPipeline implements RecordSink {
    private static final Logger LOG = LoggerFactory.getLogger(SinkPipeline.class);

    private final BatchWriter writer;
    private final DiskSpool spool;
    private final HandOff handOff;
    private final Backlog backlog;
    private final Duration closeTimeout;
    private final DropReporter drops;
    private final PipelineState state;
    private final Thread dispatcher;
    private final Thread deliverer;

    SinkPipeline(SinkPipelineBuilder b) {
        this.writer = b.writer;
        this.spool = b.spool;
        this.handOff = new HandOff(b.queueCapacity);
        this.state = new PipelineState(handOff::offered);
        this.backlog = new Backlog(b.spool, b.memoryCapacity);
        this.closeTimeout = b.closeTimeout;
        this.drops = new DropReporter(b.ids, b.eventTemplate, b.clock, writer.describe());
        String name = writer.describe();
        this.dispatcher = new Thread(new Dispatcher(handOff, backlog, drops, state, b.maxBatch, b.linger.toNanos(),
                name), "tapline-sink-dispatch[" + name + "]");
        this.deliverer = new Thread(new Deliverer(writer, backlog, drops, state,
                new RetryBackoff(b.backoffStart, b.backoffMax), b.maxBatch, spool != null),
                "tapline-sink[" + name + "]");
        dispatcher.setDaemon(true);
        deliverer.setDaemon(true);
        dispatcher.start();
        deliverer.start();
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
        if (state.closing) {
            state.droppedClosed.incrementAndGet();
            return;
        }
        if (!handOff.offer(record)) {
            drops.count(Reason.QUEUE_FULL, 1);
        }
    }

    /** Waits until every record handed over so far is written (or reported lost) and the spool is empty. */
    public boolean flush(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        // Unreported losses first: the dispatcher counts a drop event as made before it marks the losses reported,
        // so once they read as reported, outstanding() (read after) holds the event until it is delivered. Read the
        // other way round, a report made between the two reads let flush return with its event still on the way.
        while (drops.hasUnreported() || state.outstanding() > 0 || !backlog.isEmpty()) {
            if (System.nanoTime() - deadline >= 0 || !deliverer.isAlive() || !dispatcher.isAlive()) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    public SinkStats stats() {
        long accepted = handOff.offered();
        return new SinkStats(accepted, state.written.get(), state.spooled.get(), state.replayed.get(),
                drops.count(Reason.QUEUE_FULL), drops.count(Reason.SPOOL_FULL), state.droppedClosed.get(),
                drops.count(Reason.REJECTED), state.writeFailures.get(), handOff.size() + backlog.memoryRecords(),
                spool == null ? 0 : spool.sizeBytes());
    }

    /**
     * Stops accepting, then delivers what is queued within the close timeout: to the writer, or to the spool
     * while the writer fails or once the time is up (spooled records are replayed at the next start). Closes the
     * writer and the spool.
     */
    @Override
    public void close() {
        if (state.closing) {
            return;
        }
        state.closeDeadlineNanos = System.nanoTime() + closeTimeout.toNanos();
        state.closing = true;
        handOff.wake();
        backlog.wake();
        try {
            dispatcher.join(closeTimeout.toMillis() + 1000);
            deliverer.join(Math.max(1, closeTimeout.toMillis() + 1000));
            if (deliverer.isAlive()) {
                LOG.warn("sink {} still busy {} after close began; closing the writer under it", writer.describe(),
                        closeTimeout);
            }
            writer.close();
            deliverer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!dispatcher.isAlive()) {
                long lost = state.outstanding(); // what neither thread could deliver or keep
                if (lost > 0 && !deliverer.isAlive()) {
                    state.droppedClosed.addAndGet(lost);
                    state.settled.addAndGet(lost);
                }
            }
            if (spool != null && !deliverer.isAlive() && !dispatcher.isAlive()) {
                spool.close();
            }
        }
    }
}
