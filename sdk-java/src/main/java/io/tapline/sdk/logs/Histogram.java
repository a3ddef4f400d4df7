package io.tapline.sdk.logs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/proxy-logs/_logs/histogram}: entries over time in equal buckets, each split by level.
 *
 * @param interval      the bucket width as the API writes it, e.g. {@code 5m}
 * @param intervalMs    the bucket width in milliseconds
 * @param fromTimestamp the range's start, inclusive (epoch ms)
 * @param toTimestamp   the range's end, exclusive (epoch ms)
 * @param total         the entries in the range
 * @param buckets       one per interval, oldest first, empty ones included
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"interval", "intervalMs", "fromTimestamp", "toTimestamp", "total", "buckets"})
public record Histogram(String interval, long intervalMs, long fromTimestamp, long toTimestamp, long total,
                        List<Bucket> buckets) {

    public Histogram {
        buckets = buckets == null ? List.of() : List.copyOf(buckets);
    }

    /**
     * One interval.
     *
     * @param tsMs    its start (epoch ms)
     * @param tsIso   its start in ISO 8601
     * @param count   the entries in it
     * @param byLevel their counts by level (levels without entries left out)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"tsMs", "tsIso", "count", "byLevel"})
    public record Bucket(long tsMs, String tsIso, long count, Map<String, Long> byLevel) {
        public Bucket {
            byLevel = byLevel == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(byLevel));
        }
    }
}
