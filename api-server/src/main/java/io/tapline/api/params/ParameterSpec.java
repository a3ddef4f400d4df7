package io.tapline.api.params;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One query parameter: what {@link ParameterReader} accepts for it and what the OpenAPI document says about it.
 * Build with the static factories; every rejection message is derived from the spec and names the parameter.
 *
 * @param name         the parameter's name, as sent
 * @param type         how its value is read
 * @param description  one or two sentences for the API document
 * @param min          smallest accepted number (integers and epoch milliseconds), else null
 * @param max          largest accepted number (integers and epoch milliseconds), else null
 * @param values       the accepted words (enumerations), else empty
 * @param maxLength    longest accepted string, else null
 * @param pattern      what a string must match as a whole, else null
 * @param defaultValue the value assumed when absent, as text for the document, or null
 * @param example      a valid value, for the document and the tests
 * @param rule         what a valid value is, completing "{@code <name> must be ...}" in every rejection
 */
public record ParameterSpec(String name, Type type, String description, Long min, Long max, List<String> values,
                            Integer maxLength, Pattern pattern, String defaultValue, String example, String rule) {

    /** How a value is read. */
    public enum Type {
        /** Plain ASCII digits within [min, max]. */
        INTEGER,
        /** {@code true} or {@code false}, case-insensitive. */
        BOOLEAN,
        /** Text up to maxLength characters, matching the pattern when one is given. */
        STRING,
        /** One of the values, case-insensitive. */
        ENUM,
        /** A comma-separated list of values. */
        ENUM_LIST,
        /** Milliseconds since the epoch, within [min, max]. */
        EPOCH_MS,
        /** An ISO 8601 date-time with a UTC offset. */
        DATE_TIME
    }

    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(rule, "rule");
        values = List.copyOf(values);
        if ((type == Type.ENUM || type == Type.ENUM_LIST) == values.isEmpty()) {
            throw new IllegalArgumentException(name + ": values are required exactly for enumerations");
        }
        if ((type == Type.INTEGER || type == Type.EPOCH_MS) && (min == null || max == null)) {
            throw new IllegalArgumentException(name + ": numbers need min and max");
        }
        if (type == Type.STRING && maxLength == null) {
            throw new IllegalArgumentException(name + ": strings need maxLength");
        }
    }

    public static ParameterSpec integer(String name, long min, long max, Long dflt, String example, String description) {
        return new ParameterSpec(name, Type.INTEGER, description, min, max, List.of(), null, null,
                dflt == null ? null : dflt.toString(), example, "an integer between " + min + " and " + max);
    }

    public static ParameterSpec bool(String name, boolean dflt, String description) {
        return new ParameterSpec(name, Type.BOOLEAN, description, null, null, List.of(), null, null,
                Boolean.toString(dflt), "true", "true or false");
    }

    /** A string of 1 to {@code maxLength} characters, not blank, without control characters. */
    public static ParameterSpec string(String name, int maxLength, String example, String description) {
        return new ParameterSpec(name, Type.STRING, description, null, null, List.of(), maxLength, null, null, example,
                "between 1 and " + maxLength + " non-blank characters without control characters");
    }

    /**
     * A string that must match {@code pattern} (anchored) and be at most {@code maxLength} characters;
     * {@code rule} says what that means in words.
     */
    public static ParameterSpec pattern(String name, int maxLength, String pattern, String example, String rule,
                                        String description) {
        return new ParameterSpec(name, Type.STRING, description, null, null, List.of(), maxLength,
                Pattern.compile(pattern), null, example, rule);
    }

    public static ParameterSpec oneOf(String name, List<String> values, String dflt, String description) {
        return new ParameterSpec(name, Type.ENUM, description, null, null, values, null, null, dflt, values.get(0),
                "one of " + String.join(", ", values));
    }

    public static ParameterSpec listOf(String name, List<String> values, String example, String description) {
        return new ParameterSpec(name, Type.ENUM_LIST, description, null, null, values, null, null, null, example,
                "one or more of " + String.join(", ", values) + ", comma-separated");
    }

    /** Epoch milliseconds from 0 to the end of year 9999. */
    public static ParameterSpec epochMs(String name, String description) {
        return new ParameterSpec(name, Type.EPOCH_MS, description, 0L, ParameterReader.MAX_EPOCH_MS, List.of(), null,
                null, null, "1718201234000",
                "milliseconds since the epoch, between 0 and " + ParameterReader.MAX_EPOCH_MS);
    }

    public static ParameterSpec dateTime(String name, String description) {
        return new ParameterSpec(name, Type.DATE_TIME, description, null, null, List.of(), null, null, null,
                "2024-06-12T14:33:54Z", "an ISO 8601 date-time with a UTC offset, such as 2024-06-12T14:33:54Z");
    }
}
