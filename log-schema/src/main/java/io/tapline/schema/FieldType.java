package io.tapline.schema;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The kinds of value a {@link RecordField} holds, with the JSON conversions every shape shares. Reads are
 * tolerant: Elasticsearch, Logstash and JavaScript clients hand numbers back as Integer, Long, Double or
 * String, and all of them must land on the same record.
 */
public enum FieldType {
    /** A whole number, as Long. */
    LONG,
    /** A whole number, as Integer. */
    INTEGER,
    /** Text; scalars of other types are read as their string form. */
    STRING,
    /** A {@link Kind}, written as its wire name. */
    KIND,
    /** A {@link Level}, written as its wire name (aliases accepted on read). */
    LEVEL,
    /** A {@link Source}, written as its wire name. */
    SOURCE,
    /** Epoch milliseconds. API paths: [epoch millis, ISO string]; ECS path: [ISO string]. */
    TIMESTAMP,
    /** Milliseconds in the record and the API; nanoseconds in ECS (ECS's {@code event.duration} unit). */
    DURATION,
    /** A request target. ECS paths: [original, derived path, derived query]; the derived ones are never read. */
    URL,
    /** Header name to value; names written lower-case. */
    HEADERS,
    /** A {@link Body}. API path: one object {content, truncated, contentType}; ECS paths: [content, truncated, mime_type]. */
    BODY,
    /** An open JSON object, copied as is. */
    OBJECT;

    /** The JSON value of a non-null simple value; TIMESTAMP, DURATION, URL and BODY stay as they are for the codecs. */
    Object toJson(Object value) {
        return switch (this) {
            case KIND -> ((Kind) value).wireName();
            case LEVEL -> ((Level) value).wireName();
            case SOURCE -> ((Source) value).wireName();
            // Sorted so that the same headers always produce the same bytes.
            case HEADERS -> ((Map<?, ?>) value).entrySet().stream()
                    .filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(e -> String.valueOf(e.getKey()).toLowerCase(Locale.ROOT),
                            e -> String.valueOf(e.getValue()), (a, b) -> a + ", " + b, TreeMap::new));
            // Copied so that a caller may enrich the document without touching the immutable record.
            case OBJECT -> NestedMaps.copyOf(value);
            default -> value;
        };
    }

    /**
     * Reads a loosely typed JSON value as this type's Java value (DURATION in the unit it was stored in);
     * null stays null. Throws {@link IllegalArgumentException} whose message starts with {@code where}.
     */
    Object fromJson(Object raw, String where) {
        if (raw == null) {
            return null;
        }
        try {
            return switch (this) {
                case LONG, DURATION -> asLong(raw);
                case INTEGER -> Math.toIntExact(asLong(raw));
                case STRING, URL -> asString(raw);
                case KIND -> Kind.parse(asString(raw));
                case LEVEL -> Level.parse(asString(raw));
                case SOURCE -> Source.parse(asString(raw));
                case TIMESTAMP -> Timestamps.parse(raw);
                case HEADERS -> asHeaders(raw);
                case OBJECT -> NestedMaps.copyOf(asMap(raw));
                case BODY -> throw new IllegalStateException("a body spans several paths; the codec reads it");
            };
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException(where + " " + e.getMessage() + ", got '" + raw + "'", e);
        }
    }

    static long asLong(Object raw) {
        if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof Number || raw instanceof String) {
            try {
                // BigDecimal takes "412", "412.0" and 4.12E2 alike, and refuses a fraction instead of rounding it away.
                return new BigDecimal(raw.toString().trim()).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException("must be a whole number");
            }
        }
        throw new IllegalArgumentException("must be a whole number");
    }

    static boolean asBoolean(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        if (raw instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException("must be true or false");
    }

    static String asString(Object raw) {
        if (raw instanceof Map || raw instanceof List) {
            throw new IllegalArgumentException("must be a string");
        }
        return raw.toString();
    }

    static Map<?, ?> asMap(Object raw) {
        if (raw instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException("must be an object");
    }

    private static Map<String, String> asHeaders(Object raw) {
        Map<String, String> headers = new TreeMap<>();
        asMap(raw).forEach((name, value) -> {
            if (value != null) {
                // A multi-valued header may come back as an array; keep it as one comma-joined value.
                String text = value instanceof List<?> list
                        ? list.stream().map(String::valueOf).collect(Collectors.joining(", "))
                        : asString(value);
                headers.put(String.valueOf(name).toLowerCase(Locale.ROOT), text);
            }
        });
        return headers;
    }
}
