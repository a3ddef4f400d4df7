package io.tapline.logstash;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Copies the maps and lists of a JSON-like value, sharing the immutable leaves (strings, numbers, booleans). */
final class DeepCopy {
    private DeepCopy() {
    }

    /** A copy that keeps the key order. */
    static Map<String, Object> of(Map<String, Object> map) {
        return copy(map, true);
    }

    /** A faster copy in plain hash maps, for comparing ({@link Map#equals} ignores order) or storing unordered. */
    static Map<String, Object> unordered(Map<String, Object> map) {
        return copy(map, false);
    }

    static Object unorderedValue(Object value) {
        return copy(value, false);
    }

    @SuppressWarnings("unchecked")
    private static <T> T copy(T value, boolean ordered) {
        if (value instanceof Map) {
            Map<String, Object> map = (Map<String, Object>) value;
            int capacity = Math.max(4, map.size() * 4 / 3 + 1);
            Map<String, Object> copy = ordered ? new LinkedHashMap<>(capacity) : new HashMap<>(capacity);
            for (Map.Entry<String, Object> entry : map.entrySet()) {
                copy.put(entry.getKey(), copy(entry.getValue(), ordered));
            }
            return (T) copy;
        }
        if (value instanceof List) {
            List<Object> list = (List<Object>) value;
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(copy(element, ordered));
            }
            return (T) copy;
        }
        return value;
    }
}
