package io.tapline.bench.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * The timing of an alternating run: rounds for a given number of seconds, each round the CPU nanoseconds of every
 * job on the same batch (see {@link BatchColumn}). The first third of the run, at most 20 s, warms the jobs up and
 * is not counted.
 */
final class AlternatingRounds {

    /** One round: every job's CPU nanoseconds on round {@code round}'s batch, in the jobs' order. */
    interface Round {
        long[] cpuNanos(int round) throws Exception;
    }

    private AlternatingRounds() {
    }

    /** The counted rounds' figures. */
    static List<long[]> run(long seconds, Round round) throws Exception {
        long now = System.nanoTime();
        long countFrom = now + Math.min(20, seconds / 3) * 1_000_000_000L;
        long end = now + seconds * 1_000_000_000L;
        List<long[]> batches = new ArrayList<>();
        for (int r = 0; System.nanoTime() < end; r++) {
            long[] nanos = round.cpuNanos(r);
            if (System.nanoTime() > countFrom) {
                batches.add(nanos);
            }
        }
        return batches;
    }

    /** Where round {@code round}'s batch starts in a workload of {@code size} records, taken in turn. */
    static int firstOf(int round, int size) {
        return (int) ((long) round * FilterBenchmark.BATCH % size);
    }
}
