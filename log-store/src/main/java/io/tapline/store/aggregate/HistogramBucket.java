package io.tapline.store.aggregate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One bucket of a {@link Histogram}.
 *
 * @param startMs the bucket's start (see {@link TimeGrid} for the alignment)
 * @param count   the matching records in the bucket
 * @param byLevel their counts by level, most frequent first; levels without records are left out
 */
public record HistogramBucket(long startMs, long count, Map<String, Long> byLevel) {

    public HistogramBucket {
        byLevel = Collections.unmodifiableMap(new LinkedHashMap<>(byLevel));
    }
}
