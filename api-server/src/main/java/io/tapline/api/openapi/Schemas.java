package io.tapline.api.openapi;

import io.tapline.api.params.ParameterSpec;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.RecordField;
import io.tapline.schema.RecordFields;
import io.tapline.schema.Source;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Schemas (OpenAPI 3.1 dialect) derived from the code that defines the shapes: a parameter's from its
 * {@link ParameterSpec}, a log entry's from {@link RecordFields} (the one field table), a response body's from
 * the record the handler serializes.
 */
final class Schemas {

    private Schemas() {
    }

    static Map<String, Object> ref(String component) {
        return Map.of("$ref", "#/components/schemas/" + component);
    }

    /** The schema of a query parameter's value. */
    static Map<String, Object> of(ParameterSpec spec) {
        Map<String, Object> s = new LinkedHashMap<>();
        switch (spec.type()) {
            case INTEGER, EPOCH_MS -> {
                s.put("type", "integer");
                s.put("format", spec.max() > Integer.MAX_VALUE ? "int64" : "int32");
                s.put("minimum", spec.min());
                s.put("maximum", spec.max());
            }
            case BOOLEAN -> s.put("type", "boolean");
            case STRING -> {
                s.put("type", "string");
                if (spec.pattern() == null) {
                    s.put("minLength", 1);
                } else {
                    s.put("pattern", "^(?:" + spec.pattern().pattern() + ")$");
                }
                s.put("maxLength", spec.maxLength());
            }
            case ENUM -> {
                s.put("type", "string");
                s.put("enum", spec.values());
            }
            case ENUM_LIST -> {
                s.put("type", "array");
                s.put("items", Map.of("type", "string", "enum", spec.values()));
                s.put("minItems", 1);
            }
            case DATE_TIME -> {
                s.put("type", "string");
                s.put("format", "date-time");
            }
        }
        if (spec.defaultValue() != null) {
            s.put("default", switch (spec.type()) {
                case INTEGER, EPOCH_MS -> Long.parseLong(spec.defaultValue());
                case BOOLEAN -> Boolean.parseBoolean(spec.defaultValue());
                default -> spec.defaultValue();
            });
        }
        return s;
    }

    /** Seed 004's log entry, field by field from the record's field table. */
    static Map<String, Object> entry() {
        Map<String, Object> properties = new LinkedHashMap<>();
        Map<String, Object> data = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (RecordField field : RecordFields.ALL) {
            List<String> paths = field.apiPaths();
            if (field.type() == io.tapline.schema.FieldType.TIMESTAMP) {
                properties.put(paths.get(0), described("integer", "epoch milliseconds"));
                properties.put(paths.get(1), Map.of("type", "string", "format", "date-time"));
                required.addAll(paths);
                continue;
            }
            String path = paths.get(0);
            Map<String, Object> schema = switch (field.type()) {
                case LONG, INTEGER -> Map.of("type", "integer");
                case DURATION -> described("integer", "milliseconds");
                case STRING, URL -> Map.of("type", "string");
                case KIND -> enumOf(Arrays.stream(Kind.values()).map(Kind::wireName).toList());
                case LEVEL -> enumOf(Arrays.stream(Level.values()).map(Level::wireName).toList());
                case SOURCE -> enumOf(Arrays.stream(Source.values()).map(Source::wireName).toList());
                case HEADERS -> Map.of("type", "object", "additionalProperties", Map.of("type", "string"));
                case BODY -> body();
                default -> Map.of("type", "object");
            };
            if (path.startsWith("data.")) {
                data.put(path.substring("data.".length()), schema);
            } else {
                properties.put(path, schema);
                if (field.required()) {
                    required.add(path);
                }
            }
        }
        properties.put("data", Map.of("type", "object", "properties", data));
        required.add("data");
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", "object");
        entry.put("description", "One captured record in seed 004's shape; captured bodies only when asked for.");
        entry.put("properties", properties);
        entry.put("required", required);
        return entry;
    }

    private static Map<String, Object> body() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("content", Map.of("type", "string"));
        properties.put("truncated", Map.of("type", "boolean"));
        properties.put("contentType", Map.of("type", "string"));
        return Map.of("type", "object", "properties", properties, "required", List.of("content", "truncated"));
    }

    /**
     * The schema of what Jackson writes for {@code type}: a record's components in order, lists as arrays,
     * string-keyed maps as objects. A {@code List<Map<String, Object>>} named {@code entries} holds log entries.
     */
    static Map<String, Object> forRecord(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type + " is not a record");
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            properties.put(c.getName(), c.getName().equals("entries") ? Map.of("type", "array", "items", ref("LogEntry"))
                    : forType(c.getGenericType()));
            if (c.getType().isPrimitive() || c.getName().equals("entries")) {
                required.add(c.getName());
            }
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        return schema;
    }

    private static Map<String, Object> forType(Type type) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (List.class.isAssignableFrom(raw)) {
                return Map.of("type", "array", "items", forType(p.getActualTypeArguments()[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Map.of("type", "object", "additionalProperties", forType(p.getActualTypeArguments()[1]));
            }
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return Map.of("type", "string");
        }
        if (c == long.class || c == Long.class || c == int.class || c == Integer.class) {
            return Map.of("type", "integer");
        }
        if (c == boolean.class || c == Boolean.class) {
            return Map.of("type", "boolean");
        }
        if (c == double.class || c == Double.class) {
            return Map.of("type", "number");
        }
        if (c.isRecord()) {
            return forRecord(c);
        }
        return Map.of();
    }

    static Map<String, Object> described(String type, String description) {
        return Map.of("type", type, "description", description);
    }

    private static Map<String, Object> enumOf(List<String> values) {
        return Map.of("type", "string", "enum", values);
    }
}
