package io.tapline.api.histogram;

import io.tapline.store.aggregate.TimeGrid;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A histogram's bucket width: parsed from {@code interval} ({@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}) or
 * chosen for the range, the finest of a ladder of round widths that gives at most {@link #AUTO_TARGET} buckets.
 *
 * @param label the width as the API writes it, e.g. {@code 15m}
 * @param ms    the width in milliseconds
 */
public record HistogramInterval(String label, long ms) {

    /** A histogram with more buckets than this is refused: too large to draw, and costly to compute. */
    public static final int MAX_BUCKETS = 2_000;
    /** The most buckets an automatic interval gives. */
    public static final int AUTO_TARGET = 100;

    static final long SECOND = 1_000L;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;
    /** The widest explicit interval. */
    static final long MAX_EXPLICIT_MS = 365 * DAY;

    /** Round widths, finest first; past a day, automatic intervals are whole days. */
    private static final List<Long> LADDER = List.of(SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND,
            30 * SECOND, MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR,
            3 * HOUR, 6 * HOUR, 12 * HOUR, DAY);

    private static final Pattern SYNTAX = Pattern.compile("([1-9][0-9]{0,5})([smhd])");

    /**
     * The interval {@code text} names, or null when it is not a whole number of s, m, h or d within
     * {@code 1s .. 365d}.
     */
    static HistogramInterval parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            return null;
        }
        long unit = switch (m.group(2)) {
            case "s" -> SECOND;
            case "m" -> MINUTE;
            case "h" -> HOUR;
            default -> DAY;
        };
        long ms = Long.parseLong(m.group(1)) * unit;
        return ms > MAX_EXPLICIT_MS ? null : new HistogramInterval(labelOf(ms), ms);
    }

    /** The finest round interval that splits {@code [fromMs, toMs)} into at most {@link #AUTO_TARGET} buckets. */
    static HistogramInterval auto(long fromMs, long toMs) {
        for (long width : LADDER) {
            if (TimeGrid.bucketCount(fromMs, toMs, width) <= AUTO_TARGET) {
                return new HistogramInterval(labelOf(width), width);
            }
        }
        // A grid of width w has at least range / w buckets: no fewer days than this can do, so count up from it.
        long days = Math.max(1, (toMs - fromMs) / (DAY * AUTO_TARGET));
        while (TimeGrid.bucketCount(fromMs, toMs, days * DAY) > AUTO_TARGET) {
            days++;
        }
        return new HistogramInterval(labelOf(days * DAY), days * DAY);
    }

    /** The shortest exact label: 90 s stays {@code 90s}, 300 s is {@code 5m}. */
    static String labelOf(long ms) {
        if (ms % DAY == 0) {
            return ms / DAY + "d";
        }
        if (ms % HOUR == 0) {
            return ms / HOUR + "h";
        }
        if (ms % MINUTE == 0) {
            return ms / MINUTE + "m";
        }
        return ms / SECOND + "s";
    }
}
