package io.tapline.bench.ingest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Splits the machine's CPU time during a run into this JVM, the Elasticsearch node and everything else, from
 * Linux's {@code /proc}. The first shows what each path costs its client whatever else runs; the last shows how
 * much a shared machine disturbed the run. Elsewhere it reports nothing.
 */
final class CpuMonitor {
    private static final Path PROC_STAT = Path.of("/proc/stat");

    private final OptionalLong esPid;
    private final com.sun.management.OperatingSystemMXBean os;

    /** @param esPid the node's process id when it runs on this machine (the embedded node), else empty */
    CpuMonitor(OptionalLong esPid) {
        this.esPid = esPid;
        this.os = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean b
                ? b : null;
    }

    /** CPU seconds used during one run; {@code elasticsearch} and {@code others} are NaN when unknown. */
    record Usage(double bench, double elasticsearch, double others, double wallSeconds) {
        static final Usage UNKNOWN = new Usage(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        /** Average cores the other processes kept busy. */
        double otherCores() {
            return others / wallSeconds;
        }
    }

    /** The counters now; pass two of them to {@link #between}. */
    Sample sample() {
        long[] machine = machineTicks();
        return new Sample(System.nanoTime(), os == null ? -1 : os.getProcessCpuTime(), machine[0], machine[1],
                esPid.isPresent() ? processTicks(esPid.getAsLong()) : -1);
    }

    record Sample(long nanoTime, long benchCpuNanos, long busyTicks, long totalTicks, long esTicks) {
    }

    Usage between(Sample a, Sample b) {
        if (a.benchCpuNanos < 0 || a.totalTicks < 0 || b.totalTicks <= a.totalTicks) {
            return Usage.UNKNOWN;
        }
        double wall = (b.nanoTime - a.nanoTime) / 1e9;
        // /proc counts in USER_HZ ticks across all CPUs; derive the tick rate instead of assuming 100.
        double ticksPerSecond = (b.totalTicks - a.totalTicks) / (wall * Runtime.getRuntime().availableProcessors());
        double bench = (b.benchCpuNanos - a.benchCpuNanos) / 1e9;
        double busy = (b.busyTicks - a.busyTicks) / ticksPerSecond;
        double es = a.esTicks < 0 || b.esTicks < 0 ? Double.NaN : (b.esTicks - a.esTicks) / ticksPerSecond;
        double others = Double.isNaN(es) ? Double.NaN : Math.max(0, busy - bench - es);
        return new Usage(bench, es, others, wall);
    }

    /**
     * Waits until the node has used less than {@code cores} cores over a quarter of a second (what is left of the
     * last run: merges, the index deletes, a refresh), at most {@code maxMs}. Returns the milliseconds waited, or -1
     * when it never got that quiet; 0 at once when the node's CPU time cannot be read.
     */
    long awaitQuietNode(double cores, long maxMs) throws InterruptedException {
        if (esPid.isEmpty()) {
            return 0;
        }
        long start = System.nanoTime();
        while (true) {
            Sample before = sample();
            Thread.sleep(250);
            Usage usage = between(before, sample());
            long waited = (System.nanoTime() - start) / 1_000_000;
            if (Double.isNaN(usage.elasticsearch()) || usage.elasticsearch() / usage.wallSeconds() < cores) {
                return waited;
            }
            if (waited >= maxMs) {
                return -1;
            }
        }
    }

    /** [busy, total] ticks of all CPUs, or [-1, -1]; time stolen by a hypervisor counts as busy (someone else's). */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
            long total = 0;
            // user nice system idle iowait irq softirq steal; guest time is already inside user.
            for (int i = 1; i <= 8 && i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
            return new long[]{total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[]{-1, -1};
        }
    }

    /** utime + stime of a process (its own threads, not its children), or -1. */
    private static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name may contain spaces; fields are counted from after its closing parenthesis.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
