package io.tapline.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and writes dotted paths ({@code http.request.method}) in nested JSON maps. */
final class NestedMaps {
    private NestedMaps() {
    }

    /** Puts {@code value} at {@code path}, creating the parent objects on the way. */
    static void put(Map<String, Object> root, String path, Object value) {
        int dot = path.lastIndexOf('.');
        Map<String, Object> parent = dot < 0 ? root : parents(root, path.substring(0, dot));
        parent.put(path.substring(dot + 1), value);
    }

    /** Creates (if missing) every parent object of {@code path}. */
    static void ensureParents(Map<String, Object> root, String path) {
        int dot = path.lastIndexOf('.');
        if (dot >= 0) {
            parents(root, path.substring(0, dot));
        }
    }

    /**
     * The value at {@code path}, or null. Also finds keys that were sent with dots in their names
     * ({@code {"http.request": {"method": ...}}}), which Logstash and some clients produce.
     */
    static Object get(Map<?, ?> map, String path) {
        if (map.containsKey(path)) {
            return map.get(path);
        }
        for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
            if (map.get(path.substring(0, dot)) instanceof Map<?, ?> child) {
                Object value = get(child, path.substring(dot + 1));
                if (value != null) {
                    return value;
                }
            }
        }
        return null;
    }

    /** A deep, mutable copy of a JSON value, leaving out null map values. */
    @SuppressWarnings("unchecked")
    static <T> T copyOf(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (v != null) {
                    copy.put(String.valueOf(k), copyOf(v));
                }
            });
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(copyOf(v)));
            return (T) copy;
        }
        return value;
    }

    /** Split paths, cached: the same few dozen ECS paths are walked for every record. */
    private static final java.util.concurrent.ConcurrentHashMap<String, String[]> SEGMENTS =
            new java.util.concurrent.ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parents(Map<String, Object> root, String dottedPath) {
        Map<String, Object> node = root;
        String[] segments = SEGMENTS.get(dottedPath);
        if (segments == null) {
            segments = dottedPath.split("\\.");
            if (SEGMENTS.size() < 4096) {
                SEGMENTS.put(dottedPath, segments);
            }
        }
        for (String segment : segments) {
            node = (Map<String, Object>) node.computeIfAbsent(segment, k -> new LinkedHashMap<String, Object>());
        }
        return node;
    }
}
