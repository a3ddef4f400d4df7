package io.tapline.schema;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Formats epoch milliseconds as ISO-8601 UTC with millis ({@code 2024-06-12T14:33:54.000Z}) and reads them back. */
public final class Timestamps {
    // Fixed three fraction digits: seed 004's tsIso always has them, and fixed width keeps strings sortable.
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** The ISO-8601 UTC form of {@code epochMs}, always with milliseconds. */
    public static String iso(long epochMs) {
        if (epochMs < 0 || epochMs >= MAX_FAST_MS) {
            return ISO_MILLIS.format(Instant.ofEpochMilli(epochMs));
        }
        // Hand-formatted: this runs for every stored and every served record, and the formatter is slow.
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMs, 1000), 0, ZoneOffset.UTC);
        char[] c = new char[24];
        put(c, 0, t.getYear(), 4);
        c[4] = '-';
        put(c, 5, t.getMonthValue(), 2);
        c[7] = '-';
        put(c, 8, t.getDayOfMonth(), 2);
        c[10] = 'T';
        put(c, 11, t.getHour(), 2);
        c[13] = ':';
        put(c, 14, t.getMinute(), 2);
        c[16] = ':';
        put(c, 17, t.getSecond(), 2);
        c[19] = '.';
        put(c, 20, (int) Math.floorMod(epochMs, 1000), 3);
        c[23] = 'Z';
        return new String(c);
    }

    /** Year 10000: beyond it the fixed four-digit year of the fast path no longer holds. */
    private static final long MAX_FAST_MS = 253_402_300_800_000L;

    private static void put(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * Epoch milliseconds from an ISO-8601 string (any offset; without one, UTC), an epoch-millis number, or
     * an epoch-millis numeric string. Throws {@link IllegalArgumentException} otherwise.
     */
    public static long parse(Object value) {
        if (value instanceof Number) {
            return FieldType.asLong(value);
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("must be an ISO-8601 time or epoch milliseconds");
        }
        String s = text.trim();
        if (s.chars().allMatch(Character::isDigit) || (s.startsWith("-") && s.length() > 1
                && s.substring(1).chars().allMatch(Character::isDigit))) {
            return Long.parseLong(s);
        }
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(s, Instant::from).toEpochMilli();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("must be an ISO-8601 time or epoch milliseconds");
            }
        }
    }
}
