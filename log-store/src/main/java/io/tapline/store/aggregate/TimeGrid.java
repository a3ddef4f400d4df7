package io.tapline.store.aggregate;

/**
 * The buckets of a histogram over {@code [fromMs, toMs)}: fixed intervals aligned to whole multiples of the
 * interval since the epoch (UTC), as Elasticsearch and Kibana align them, so that a 1 h bucket always starts on
 * the hour. The first and the last bucket may therefore reach outside the range; they count only records inside it.
 *
 * @param fromMs     inclusive start of the range
 * @param toMs       exclusive end of the range, after {@code fromMs}
 * @param intervalMs the bucket width, positive
 */
public record TimeGrid(long fromMs, long toMs, long intervalMs) {

    public TimeGrid {
        if (fromMs >= toMs) {
            throw new IllegalArgumentException("fromMs must be before toMs");
        }
        if (intervalMs <= 0) {
            throw new IllegalArgumentException("intervalMs must be positive");
        }
    }

    /** How many buckets {@code [fromMs, toMs)} spans at {@code intervalMs}, without building the grid. */
    public static long bucketCount(long fromMs, long toMs, long intervalMs) {
        return Math.floorDiv(toMs - 1, intervalMs) - Math.floorDiv(fromMs, intervalMs) + 1;
    }

    /** The start of the first bucket, at or before {@code fromMs}. */
    public long firstBucketMs() {
        return Math.floorDiv(fromMs, intervalMs) * intervalMs;
    }

    /** The start of the last bucket, at or before {@code toMs - 1}. */
    public long lastBucketMs() {
        return Math.floorDiv(toMs - 1, intervalMs) * intervalMs;
    }

    public long bucketCount() {
        return bucketCount(fromMs, toMs, intervalMs);
    }
}
