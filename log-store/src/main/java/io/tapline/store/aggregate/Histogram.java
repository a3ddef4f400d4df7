package io.tapline.store.aggregate;

import java.util.List;
import java.util.Objects;

/**
 * Matching records per time bucket.
 *
 * @param grid    the buckets asked for
 * @param total   every matching record in the grid's range; the sum of the bucket counts
 * @param buckets one per bucket of the grid, oldest first, empty ones included
 */
public record Histogram(TimeGrid grid, long total, List<HistogramBucket> buckets) {

    public Histogram {
        Objects.requireNonNull(grid, "grid");
        buckets = List.copyOf(buckets);
    }
}
