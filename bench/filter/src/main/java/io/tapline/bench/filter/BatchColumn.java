package io.tapline.bench.filter;

import java.util.List;

/**
 * One job's figures over the batches of an alternating run: the median CPU time per event, and the median, p25 and
 * p75 of its per-batch ratio to the first job's (both jobs saw the same moment of the machine's load).
 *
 * @param micros median CPU microseconds per event
 */
record BatchColumn(double micros, double ratio, double ratioP25, double ratioP75) {

    /** {@code batches}: per batch, the CPU nanoseconds of each job on the same {@value FilterBenchmark#BATCH} events. */
    static BatchColumn of(List<long[]> batches, int job) {
        long[] nanos = batches.stream().mapToLong(t -> t[job]).sorted().toArray();
        double[] ratios = batches.stream().mapToDouble(t -> t[job] / (double) t[0]).sorted().toArray();
        return new BatchColumn(nanos[nanos.length / 2] / 1000.0 / FilterBenchmark.BATCH, ratios[ratios.length / 2],
                ratios[ratios.length / 4], ratios[3 * ratios.length / 4]);
    }

    /** Events per CPU second at the median. */
    double perCpuSecond() {
        return 1e6 / micros;
    }
}
