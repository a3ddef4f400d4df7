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
        Last last = lastIso;
        if (last.epochMs == epochMs) {
            return last.iso;
        }
        String iso = format(epochMs);
        lastIso = new Last(epochMs, iso);
        return iso;
    }

    /**
     * The last time formatted: records written one after the other mostly share their millisecond (two per proxied
     * exchange, batches of them), and formatting it again cost more than writing the rest of the field. Immutable
     * with final fields, so a thread that reads another thread's entry sees it whole; a lost update only costs a
     * format.
     */
    private record Last(long epochMs, String iso) {
    }

    private static Last lastIso = new Last(0, format(0));

    private static String format(long epochMs) {
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

    static final long NOT_CANONICAL = Long.MIN_VALUE;

    /**
     * Epoch milliseconds of {@code s} when it is exactly in the form {@link #iso} writes
     * ({@code uuuu-MM-ddTHH:mm:ss.SSSZ}) and a valid time, else {@link #NOT_CANONICAL}: every stored record's time
     * is read back for every served entry, and the general ISO parser costs several times the rest of a field.
     * Anything else (and any doubt) goes to the general parser, so the result is always the same as its.
     */
    static long canonicalIso(String s) {
        if (s.length() != 24 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(19) != '.' || s.charAt(23) != 'Z') {
            return NOT_CANONICAL;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int millis = digits(s, 20, 3);
        if ((year | month | day | hour | minute | second | millis) < 0 || month < 1 || month > 12 || day < 1
                || day > java.time.YearMonth.of(year, month).lengthOfMonth() || hour > 23 || minute > 59
                || second > 59) {
            return NOT_CANONICAL;
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        return ((epochDay * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
    }

    /** The decimal number of {@code count} ASCII digits at {@code at}, or -1 if one is no digit. */
    private static int digits(String s, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
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
        long fast = canonicalIso(text);
        if (fast != NOT_CANONICAL) {
            return fast;
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
