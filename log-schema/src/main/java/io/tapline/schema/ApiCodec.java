package io.tapline.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts a {@link LogRecord} to and from its API entry: seed 004's camelCase shape and key order, with
 * {@code data} always present and the captured bodies only when the caller asked for them.
 */
public final class ApiCodec {
    /** The members of a body object in an entry. */
    static final String BODY_CONTENT = "content";
    static final String BODY_TRUNCATED = "truncated";
    static final String BODY_CONTENT_TYPE = "contentType";

    private ApiCodec() {
    }

    /** The API entry of {@code record}, keys in seed 004's order, no null values. */
    public static Map<String, Object> toEntry(LogRecord record, boolean includeRequestBody,
                                              boolean includeResponseBody) {
        Map<String, Object> entry = new LinkedHashMap<>();
        for (RecordField field : RecordFields.ALL) {
            List<String> paths = field.apiPaths();
            // Seed 004 always sends "data", even when none of its fields are known.
            NestedMaps.ensureParents(entry, paths.get(0));
            Object value = field.valueOf(record);
            if (value == null || field == RecordFields.REQUEST_BODY && !includeRequestBody
                    || field == RecordFields.RESPONSE_BODY && !includeResponseBody) {
                continue;
            }
            switch (field.type()) {
                case TIMESTAMP -> {
                    NestedMaps.put(entry, paths.get(0), value);
                    NestedMaps.put(entry, paths.get(1), Timestamps.iso((Long) value));
                }
                case BODY -> NestedMaps.put(entry, paths.get(0), bodyObject((Body) value));
                default -> NestedMaps.put(entry, paths.get(0), field.type().toJson(value));
            }
        }
        return entry;
    }

    /** The record an API entry describes (the SDK's view). Tolerant like {@link EcsCodec#fromDocument}. */
    public static LogRecord fromEntry(Map<String, Object> entry) {
        LogRecord.Builder builder = LogRecord.builder();
        for (RecordField field : RecordFields.ALL) {
            Object value = switch (field.type()) {
                case BODY -> readBody(NestedMaps.get(entry, field.apiPath()), field.apiPath());
                // Either form of the time will do; tsMs is exact, tsIso is what a human may have edited.
                case TIMESTAMP -> readFirst(entry, field);
                default -> field.type().fromJson(NestedMaps.get(entry, field.apiPath()), field.apiPath());
            };
            if (value != null) {
                field.setOn(builder, value);
            } else if (field.required()) {
                throw new IllegalArgumentException(field.apiPath() + " is missing");
            }
        }
        return builder.build();
    }

    private static Map<String, Object> bodyObject(Body body) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put(BODY_CONTENT, body.content());
        object.put(BODY_TRUNCATED, body.truncated());
        if (body.contentType() != null) {
            object.put(BODY_CONTENT_TYPE, body.contentType());
        }
        return object;
    }

    private static Object readFirst(Map<String, Object> entry, RecordField field) {
        for (String path : field.apiPaths()) {
            Object value = field.type().fromJson(NestedMaps.get(entry, path), path);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static Body readBody(Object raw, String where) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof Map<?, ?> object)) {
            throw new IllegalArgumentException(where + " must be an object, got '" + raw + "'");
        }
        String content = (String) FieldType.STRING.fromJson(object.get(BODY_CONTENT), where + "." + BODY_CONTENT);
        if (content == null) {
            return null;
        }
        Object truncated = object.get(BODY_TRUNCATED);
        String contentType = (String) FieldType.STRING.fromJson(object.get(BODY_CONTENT_TYPE),
                where + "." + BODY_CONTENT_TYPE);
        return new Body(content, truncated != null && EcsCodec.readBoolean(truncated, where + "." + BODY_TRUNCATED),
                contentType);
    }
}
