package io.tapline.bench.filter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep copies of parsed documents, in the map and list types Jackson parses JSON into. */
final class Copies {
    private Copies() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> of(Map<String, Object> map) {
        Map<String, Object> out = new LinkedHashMap<>(map.size() * 2);
        for (Map.Entry<String, Object> e : map.entrySet()) {
            Object v = e.getValue();
            out.put(e.getKey(), v instanceof Map ? of((Map<String, Object>) v)
                    : v instanceof List ? new ArrayList<>((List<Object>) v) : v);
        }
        return out;
    }
}
