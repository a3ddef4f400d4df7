package io.tapline.api.histogram;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tapline.schema.Timestamps;
import io.tapline.store.aggregate.Histogram;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code /_logs/histogram}: the interval used, the range covered ({@code fromTimestamp} inclusive,
 * {@code toTimestamp} exclusive, epoch milliseconds), the entries in it, and one bucket per interval, oldest first,
 * empty ones included.
 */
@JsonPropertyOrder({"interval", "intervalMs", "fromTimestamp", "toTimestamp", "total", "buckets"})
public record HistogramResponse(String interval, long intervalMs, long fromTimestamp, long toTimestamp, long total,
                                List<Bucket> buckets) {

    /**
     * One interval: its start ({@code tsMs}, and {@code tsIso} as in seed 004's entries), its entries, and their
     * counts by level (levels without entries left out). The first and last bucket may start before or end after
     * the range; they count only the entries inside it.
     */
    @JsonPropertyOrder({"tsMs", "tsIso", "count", "byLevel"})
    public record Bucket(long tsMs, String tsIso, long count, Map<String, Long> byLevel) {
    }

    static HistogramResponse of(Histogram histogram, HistogramInterval interval) {
        List<Bucket> buckets = histogram.buckets().stream()
                .map(b -> new Bucket(b.startMs(), Timestamps.iso(b.startMs()), b.count(), b.byLevel()))
                .toList();
        return new HistogramResponse(interval.label(), interval.ms(), histogram.grid().fromMs(),
                histogram.grid().toMs(), histogram.total(), buckets);
    }
}
