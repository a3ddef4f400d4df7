package io.tapline.api.query;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that help a page's worker transcode its hits (see {@link ParallelEntries}), as many as
 * {@code ApiServer.Builder.transcodeThreads} (at most one fewer than the processors pays). A task is taken
 * only by a thread that is idle at that moment, never queued: a worker that finds none free does all the work
 * itself, so that under many concurrent requests pages are transcoded as they were before (one thread each) and
 * never wait for a helper. Threads start when first needed and end after {@link #IDLE_SECONDS} without work;
 * {@link #close} ends them with the server.
 */
final class TranscodePool implements AutoCloseable {
    private static final long IDLE_SECONDS = 30;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ThreadPoolExecutor executor;

    TranscodePool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a transcode pool needs a thread, got " + threads);
        }
        int pool = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "tapline-transcode-" + pool + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        // No queue: SynchronousQueue hands a task only to a thread waiting for one, or to a new one below the
        // maximum; otherwise execute() refuses at once (AbortPolicy), which tryRun turns into "do it yourself".
        executor = new ThreadPoolExecutor(0, threads, IDLE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(),
                factory, new ThreadPoolExecutor.AbortPolicy());
    }

    /** How many threads the pool may run at once. */
    int threads() {
        return executor.getMaximumPoolSize();
    }

    /** Runs {@code task} on a free thread of the pool and returns true; false, without waiting, when none is free. */
    boolean tryRun(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false; // every thread busy, or the pool closed
        }
    }

    /** Ends the threads; a helper still at work stops at its next chunk (its page's worker does the rest). */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
