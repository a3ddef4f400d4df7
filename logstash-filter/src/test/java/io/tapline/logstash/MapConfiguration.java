package io.tapline.logstash;

import co.elastic.logstash.api.Configuration;
import co.elastic.logstash.api.PluginConfigSpec;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map-backed {@link Configuration} that converts values the way Logstash's does: the spec's type, whole numbers
 * as {@code Long}, a {@code Long} for a float setting, a string for a boolean; the spec's default when absent.
 */
public final class MapConfiguration implements Configuration {
    private final Map<String, Object> raw;

    public MapConfiguration(Map<String, ?> raw) {
        this.raw = new LinkedHashMap<>(raw);
    }

    @Override
    public <T> T get(PluginConfigSpec<T> spec) {
        if (!raw.containsKey(spec.name())) {
            return spec.defaultValue();
        }
        Object value = raw.get(spec.name());
        Class<T> type = spec.type();
        if (value instanceof Integer || value instanceof Short) {
            value = ((Number) value).longValue();
        }
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        if (type == Double.class && value instanceof Long) {
            return type.cast(((Long) value).doubleValue());
        }
        if (type == Boolean.class && value instanceof String) {
            return type.cast(Boolean.parseBoolean((String) value));
        }
        throw new IllegalStateException(String.format(
                "Setting value for '%s' of type '%s' incompatible with defined type of '%s'",
                spec.name(), value == null ? null : value.getClass(), type));
    }

    @Override
    public Object getRawValue(PluginConfigSpec<?> spec) {
        return raw.get(spec.name());
    }

    @Override
    public boolean contains(PluginConfigSpec<?> spec) {
        return raw.containsKey(spec.name());
    }

    @Override
    public Collection<String> allKeys() {
        return raw.keySet();
    }
}
