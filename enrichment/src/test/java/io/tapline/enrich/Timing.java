package io.tapline.enrich;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Measures what a piece of work costs at best: the least CPU time of the calling thread over a few runs after a
 * warm-up. CPU time rather than wall time, so that a build machine busy with other work (other modules' builds
 * share it) does not fail a test about algorithmic cost; wall time only where the JVM cannot tell CPU time.
 */
final class Timing {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Timing() {
    }

    static long bestOfNanos(int runs, Runnable work) {
        for (int i = 0; i < 3; i++) {
            work.run(); // let the JIT compile the hot paths first
        }
        boolean cpu = THREADS.isCurrentThreadCpuTimeSupported();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long start = cpu ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
            work.run();
            long end = cpu ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
            best = Math.min(best, end - start);
        }
        return best;
    }
}
