package io.tapline.api.stream;

import org.xnio.XnioIoThread;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The streams of one I/O thread that have frames to write. A publish batch reaches hundreds of streams at once;
 * handing each one to its I/O thread as a task of its own would cost a task and a selector wake-up per stream
 * (per frame, at a few frames per stream and batch). Here the batch costs one task per I/O thread, which then
 * writes every stream that is due.
 */
final class IoDrainer {

    private final XnioIoThread io;
    private final ConcurrentLinkedQueue<SseStream> due = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean taskQueued = new AtomicBoolean();

    IoDrainer(XnioIoThread io) {
        this.io = io;
    }

    XnioIoThread thread() {
        return io;
    }

    /** Queues {@code stream} for its next write; from any thread. The caller makes sure it is queued once. */
    void schedule(SseStream stream) {
        due.add(stream);
        if (taskQueued.compareAndSet(false, true)) {
            try {
                io.execute(this::run);
            } catch (RejectedExecutionException e) {
                // The server is stopping: its I/O threads take no more work, so the streams end here.
                taskQueued.set(false);
                for (SseStream s; (s = due.poll()) != null; ) {
                    s.end();
                }
            }
        }
    }

    private void run() {
        // Cleared first: a stream queued from now on gets a task of its own if this one has already passed it.
        taskQueued.set(false);
        for (SseStream s; (s = due.poll()) != null; ) {
            s.drain();
        }
    }
}
