package io.tapline.api.histogram;

import io.tapline.api.params.ParameterSpec;
import io.tapline.api.query.FilterParameters;

import java.util.ArrayList;
import java.util.List;

/**
 * Every parameter of {@code GET /api/proxy-logs/_logs/histogram}: the logs query's {@link FilterParameters}, whose
 * time bounds also set the histogram's range, and {@link #INTERVAL}.
 */
public final class HistogramParameters {

    /** The range when neither bound is given: the day before now. */
    public static final long DEFAULT_RANGE_MS = HistogramInterval.DAY;

    public static final ParameterSpec INTERVAL = ParameterSpec.pattern("interval", 7,
            "auto|[1-9][0-9]{0,5}[smhd]", "5m",
            "auto, or a whole number of s, m, h or d between 1s and 365d, such as 30s, 5m, 1h or 1d",
            "Bucket width (default: auto, the finest of 1s, 2s, 5s, 10s, 15s, 30s, 1m, 2m, 5m, 10m, 15m, 30m, "
                    + "1h, 2h, 3h, 6h, 12h, 1d or whole days giving at most " + HistogramInterval.AUTO_TARGET
                    + " buckets). Buckets start on whole multiples of the width since the epoch (UTC). More than "
                    + HistogramInterval.MAX_BUCKETS + " buckets over the range is a 400. The range is "
                    + "fromTimestamp/since to toTimestamp/until; toTimestamp defaults to now and fromTimestamp to "
                    + "24 hours before toTimestamp.");

    /** What the API document says about the endpoint: range, buckets, cap. */
    public static final String DESCRIPTION = "Entries per time interval, split by level, over the same filters (and "
            + "the same tenant scope) as the logs query. The range is fromTimestamp/since (inclusive) to "
            + "toTimestamp/until (exclusive), by default the 24 hours before now. Buckets start on whole multiples "
            + "of the interval since the epoch (UTC), oldest first, every bucket present (empty ones with count 0); "
            + "each has tsMs, tsIso, count and byLevel (levels without entries left out); total is the sum of the "
            + "counts. More than " + HistogramInterval.MAX_BUCKETS + " buckets is a 400.";

    /** Every parameter of the endpoint, in the order the API document lists them. */
    public static final List<ParameterSpec> ALL;

    static {
        List<ParameterSpec> all = new ArrayList<>(FilterParameters.ALL);
        all.add(INTERVAL);
        ALL = List.copyOf(all);
    }

    private HistogramParameters() {
    }
}
