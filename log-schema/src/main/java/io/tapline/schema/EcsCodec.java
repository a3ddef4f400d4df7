package io.tapline.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts a {@link LogRecord} to and from its Elasticsearch document: nested ECS objects, as stored under
 * the index template. Driven by {@link RecordFields}; reads are tolerant of how Elasticsearch and Logstash
 * hand values back.
 */
public final class EcsCodec {
    static final long NANOS_PER_MILLI = 1_000_000L;

    private EcsCodec() {
    }

    /** The ECS document of {@code record}: nested, mutable maps with no null values. */
    public static Map<String, Object> toDocument(LogRecord record) {
        Map<String, Object> doc = new LinkedHashMap<>();
        for (RecordField field : RecordFields.ALL) {
            Object value = field.valueOf(record);
            if (value == null) {
                continue;
            }
            List<String> paths = field.ecsPaths();
            switch (field.type()) {
                case TIMESTAMP -> NestedMaps.put(doc, paths.get(0), Timestamps.iso((Long) value));
                // ECS measures event.duration in nanoseconds.
                case DURATION -> NestedMaps.put(doc, paths.get(0), Math.multiplyExact((Long) value, NANOS_PER_MILLI));
                case URL -> writeUrl(doc, paths, (String) value);
                case BODY -> writeBody(doc, paths, (Body) value);
                default -> NestedMaps.put(doc, paths.get(0), field.type().toJson(value));
            }
        }
        return doc;
    }

    /**
     * The record stored in {@code document}. Missing optional fields become null; a missing required field or
     * a value of the wrong shape throws {@link IllegalArgumentException} naming the ECS field.
     */
    public static LogRecord fromDocument(Map<String, Object> document) {
        LogRecord.Builder builder = LogRecord.builder();
        for (RecordField field : RecordFields.ALL) {
            List<String> paths = field.ecsPaths();
            Object value = switch (field.type()) {
                case BODY -> readBody(document, paths);
                case DURATION -> {
                    Long nanos = (Long) field.type().fromJson(NestedMaps.get(document, paths.get(0)), paths.get(0));
                    yield nanos == null ? null : nanos / NANOS_PER_MILLI;
                }
                // url.path and url.query are derived from url.original, never read back.
                default -> field.type().fromJson(NestedMaps.get(document, paths.get(0)), paths.get(0));
            };
            if (value != null) {
                field.setOn(builder, value);
            } else if (field.required()) {
                throw new IllegalArgumentException(paths.get(0) + " is missing");
            }
        }
        return builder.build();
    }

    private static void writeUrl(Map<String, Object> doc, List<String> paths, String url) {
        NestedMaps.put(doc, paths.get(0), url);
        UrlParts parts = UrlParts.of(url);
        if (parts.path() != null) {
            NestedMaps.put(doc, paths.get(1), parts.path());
        }
        if (parts.query() != null) {
            NestedMaps.put(doc, paths.get(2), parts.query());
        }
    }

    private static void writeBody(Map<String, Object> doc, List<String> paths, Body body) {
        NestedMaps.put(doc, paths.get(0), body.content());
        NestedMaps.put(doc, paths.get(1), body.truncated());
        if (body.contentType() != null) {
            NestedMaps.put(doc, paths.get(2), body.contentType());
        }
    }

    private static Body readBody(Map<String, Object> doc, List<String> paths) {
        return readBody(NestedMaps.get(doc, paths.get(0)), NestedMaps.get(doc, paths.get(1)),
                NestedMaps.get(doc, paths.get(2)), paths);
    }

    /** A body from the raw values at its three ECS {@code paths} (content, truncated, mime type). */
    static Body readBody(Object rawContent, Object truncated, Object rawContentType, List<String> paths) {
        String content = (String) FieldType.STRING.fromJson(rawContent, paths.get(0));
        if (content == null) {
            return null;
        }
        String contentType = (String) FieldType.STRING.fromJson(rawContentType, paths.get(2));
        return new Body(content, truncated != null && readBoolean(truncated, paths.get(1)), contentType);
    }

    static boolean readBoolean(Object raw, String where) {
        try {
            return FieldType.asBoolean(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " " + e.getMessage() + ", got '" + raw + "'", e);
        }
    }
}
