package io.tapline.bench.filter;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time the benchmark thread used in each iteration, reported next to the score as {@code cpuMicros}.
 * Operations per CPU second stay meaningful when other processes compete for the cores; wall-clock ops/s do not.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Read by JMH after each iteration. */
    public long cpuMicros;
    private long startNanos;

    @Setup(Level.Iteration)
    public void start() {
        cpuMicros = 0;
        startNanos = THREADS.getCurrentThreadCpuTime();
    }

    @TearDown(Level.Iteration)
    public void stop() {
        cpuMicros = (THREADS.getCurrentThreadCpuTime() - startNanos) / 1_000;
    }
}
