package io.tapline.schema;

/**
 * Reads a timestamp in the one form {@link Timestamps#iso} writes ({@code uuuu-MM-ddTHH:mm:ss.SSSZ}) straight from
 * its bytes, with the same result as {@link Timestamps#canonicalIso} on their text, and without a string: every
 * entry of a page carries one. The date's epoch day is kept from the last call, as the hits of a page tend to share
 * their day. Not thread-safe: one per reader.
 */
final class IsoBytes {
    private static final long DAY_MS = 86_400_000L;

    /** The last date read whole ("uuuu-MM-" as a word, "dd" as two bytes) and its first millisecond. */
    private long lastDate;
    private int lastDay = -1; // never two bytes' value: nothing is cached yet
    private long lastDayMs;

    /**
     * As {@code Timestamps.canonicalIso(new String(b, at, 24, ISO_8859_1))}: epoch milliseconds (negative before
     * 1970) or {@link Timestamps#NOT_CANONICAL}. {@code b[at, at + 24)} must be in range.
     */
    long millis(byte[] b, int at) {
        long date = JsonStringBytes.word(b, at);
        int day = (b[at + 8] & 0xff) << 8 | b[at + 9] & 0xff;
        long dayMs;
        if (date == lastDate && day == lastDay) {
            dayMs = lastDayMs;
        } else {
            dayMs = dayMillis(b, at);
            if (dayMs == Timestamps.NOT_CANONICAL) {
                return Timestamps.NOT_CANONICAL;
            }
            lastDate = date;
            lastDay = day;
            lastDayMs = dayMs;
        }
        if (b[at + 10] != 'T' || b[at + 13] != ':' || b[at + 16] != ':' || b[at + 19] != '.' || b[at + 23] != 'Z') {
            return Timestamps.NOT_CANONICAL;
        }
        int hour = digits(b, at + 11, 2);
        int minute = digits(b, at + 14, 2);
        int second = digits(b, at + 17, 2);
        int millis = digits(b, at + 20, 3);
        if ((hour | minute | second | millis) < 0 || hour > 23 || minute > 59 || second > 59) {
            return Timestamps.NOT_CANONICAL;
        }
        return dayMs + hour * 3_600_000L + minute * 60_000L + second * 1000L + millis;
    }

    /** The first millisecond of the date {@code uuuu-MM-dd} at {@code at}, or {@link Timestamps#NOT_CANONICAL}. */
    private static long dayMillis(byte[] b, int at) {
        if (b[at + 4] != '-' || b[at + 7] != '-') {
            return Timestamps.NOT_CANONICAL;
        }
        int year = digits(b, at, 4);
        int month = digits(b, at + 5, 2);
        int day = digits(b, at + 8, 2);
        if ((year | month | day) < 0 || month < 1 || month > 12 || day < 1
                || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return Timestamps.NOT_CANONICAL;
        }
        return java.time.LocalDate.of(year, month, day).toEpochDay() * DAY_MS;
    }

    /** The decimal number of {@code count} ASCII digits at {@code at}, or -1 if one is no digit. */
    private static int digits(byte[] b, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            int c = b[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
