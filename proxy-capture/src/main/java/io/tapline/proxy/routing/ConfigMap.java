package io.tapline.proxy.routing;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * One mapping of the routes file together with its key path, offering typed reads that fail with a
 * {@link ConfigException} naming the file and the full key path ({@code routes[2].capture.maxBodyBytes}).
 */
final class ConfigMap {
    private final String source;
    private final String path;
    private final Map<?, ?> map;

    private ConfigMap(String source, String path, Map<?, ?> map) {
        this.source = source;
        this.path = path;
        this.map = map;
    }

    /** {@code value} must be a mapping; {@code path} is its own key path (empty for the top level). */
    static ConfigMap of(Object value, String source, String path) {
        if (value instanceof Map<?, ?> m) {
            return new ConfigMap(source, path, m);
        }
        throw new ConfigException(source, path, "must be a mapping, got " + describe(value));
    }

    /** Rejects the first key not in {@code allowed}, listing the allowed ones (typos are the usual cause). */
    void allowOnly(String... allowed) {
        List<String> keys = List.of(allowed);
        for (Object key : map.keySet()) {
            if (!(key instanceof String k) || !keys.contains(k)) {
                throw error(String.valueOf(key), "unknown key (allowed: " + String.join(", ", allowed) + ")");
            }
        }
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    String source() {
        return source;
    }

    ConfigException error(String key, String problem) {
        return new ConfigException(source, path(key), problem);
    }

    /** An explicit YAML null ({@code key:} with nothing after it) counts as absent. */
    boolean has(String key) {
        return map.get(key) != null;
    }

    Object raw(String key) {
        return map.get(key);
    }

    /** A non-blank string, or null when absent. Numbers are refused: YAML would have mangled {@code 0123}. */
    String string(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw error(key, "must be a string, got " + describe(v) + " (quote it)");
        }
        if (s.isBlank()) {
            throw error(key, "must not be empty");
        }
        return s;
    }

    String requiredString(String key) {
        String s = string(key);
        if (s == null) {
            throw error(key, "is required");
        }
        return s;
    }

    boolean bool(String key, boolean defaultValue) {
        Object v = map.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof Boolean b)) {
            throw error(key, "must be true or false, got " + describe(v));
        }
        return b;
    }

    int integer(String key, int defaultValue, int min, int max) {
        Object v = map.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof Integer || v instanceof Long || v instanceof BigInteger)) {
            throw error(key, "must be a whole number, got " + describe(v));
        }
        BigInteger n = new BigInteger(v.toString());
        if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
            throw error(key, "must be between " + min + " and " + max + ", got " + n);
        }
        return n.intValue();
    }

    /** A list, or null when absent. */
    List<?> list(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> l)) {
            throw error(key, "must be a list, got " + describe(v));
        }
        return l;
    }

    /** A nested mapping, or null when absent. */
    ConfigMap map(String key) {
        Object v = map.get(key);
        return v == null ? null : of(v, source, path(key));
    }

    /** A string element of a list, for error messages that name {@code key[i]}. */
    String stringAt(String key, List<?> list, int index) {
        Object v = list.get(index);
        String at = key + "[" + index + "]";
        if (!(v instanceof String s)) {
            throw error(at, "must be a string, got " + describe(v));
        }
        if (s.isBlank()) {
            throw error(at, "must not be empty");
        }
        return s;
    }

    static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof String s) {
            return "the string '" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
        }
        if (v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
            return "the number " + v;
        }
        if (v instanceof Double) {
            return "the decimal number " + v;
        }
        if (v instanceof Boolean) {
            return "the boolean " + v;
        }
        if (v instanceof Map) {
            return "a mapping";
        }
        if (v instanceof List) {
            return "a list";
        }
        if (v instanceof java.util.Date) {
            return "a date (quote it)";
        }
        return "a value of type " + v.getClass().getSimpleName();
    }
}
