package io.tapline.schema;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One row of {@link RecordFields}: a {@link LogRecord} component, where it lives in the API entry and where it
 * lives in the Elasticsearch (ECS) document. Paths are dotted; what several paths mean is defined by the
 * {@link FieldType}.
 */
public final class RecordField {
    private final String name;
    private final FieldType type;
    private final List<String> apiPaths;
    private final List<String> ecsPaths;
    private final boolean required;
    private final Function<LogRecord, Object> getter;
    private final BiConsumer<LogRecord.Builder, Object> setter;

    RecordField(String name, FieldType type, List<String> apiPaths, List<String> ecsPaths, boolean required,
                Function<LogRecord, Object> getter, BiConsumer<LogRecord.Builder, Object> setter) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
        this.apiPaths = List.copyOf(apiPaths);
        this.ecsPaths = List.copyOf(ecsPaths);
        this.required = required;
        this.getter = Objects.requireNonNull(getter);
        this.setter = Objects.requireNonNull(setter);
    }

    /** The {@link LogRecord} component name. */
    public String name() {
        return name;
    }

    public FieldType type() {
        return type;
    }

    /** The main path in the API entry, e.g. {@code data.bytesIn}. */
    public String apiPath() {
        return apiPaths.get(0);
    }

    /** Every API path this field writes, main path first. */
    public List<String> apiPaths() {
        return apiPaths;
    }

    /** The main path in the ECS document, e.g. {@code http.request.bytes}; the one to query and sort on. */
    public String ecsPath() {
        return ecsPaths.get(0);
    }

    /** Every ECS path this field writes, main path first. */
    public List<String> ecsPaths() {
        return ecsPaths;
    }

    /** True when every record has it, so a shape without it is not a record. */
    public boolean required() {
        return required;
    }

    /** The field's value in {@code record}, or null when absent (an empty map counts as absent). */
    Object valueOf(LogRecord record) {
        Object value = getter.apply(record);
        return value instanceof Map<?, ?> map && map.isEmpty() ? null : value;
    }

    /** Sets a value read by a codec (already of this field's Java type) on {@code builder}. */
    void setOn(LogRecord.Builder builder, Object value) {
        setter.accept(builder, value);
    }

    @Override
    public String toString() {
        return name + " (api " + apiPaths + ", ecs " + ecsPaths + ")";
    }
}
