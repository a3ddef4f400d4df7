package io.tapline.bench.query;

import java.util.Arrays;

/** Request latencies of one path of one scenario, in nanoseconds, and their percentiles. */
final class Latencies {
    private final long[] nanos;
    private int count;

    Latencies(int capacity) {
        this.nanos = new long[capacity];
    }

    void add(long elapsedNanos) {
        nanos[count++] = elapsedNanos;
    }

    /** The mean in milliseconds. */
    double meanMs() {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += nanos[i];
        }
        return count == 0 ? 0 : sum / 1e6 / count;
    }

    /** The {@code p}-th percentile (nearest rank) in milliseconds. */
    double percentileMs(double p) {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }
}
