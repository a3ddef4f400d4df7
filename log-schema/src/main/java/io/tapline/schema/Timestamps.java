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
        return ISO_MILLIS.format(Instant.ofEpochMilli(epochMs));
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
