package io.tapline.schema;

import com.fasterxml.jackson.core.io.SerializedString;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The key order of an API entry, derived once from {@link RecordFields} by replaying what
 * {@link ApiCodec#toEntry} does to its {@link LinkedHashMap}: at each field's turn the objects above its main path
 * are created (present even when empty, like seed 004's {@code data}), then its paths are put. A key keeps the
 * position of its first insertion, so a record's entry is this order with its absent values left out.
 */
final class ApiEntryLayout {

    /**
     * One step of writing an entry.
     *
     * @param kind      what the step does
     * @param field     the table index of the field whose value it writes ({@link Kind#VALUE})
     * @param pathIndex which of that field's {@link RecordField#apiPaths()} it is
     * @param name      the key, pre-encoded ({@link Kind#VALUE}, {@link Kind#OPEN})
     */
    record Step(Kind kind, int field, int pathIndex, SerializedString name) {
        enum Kind { VALUE, OPEN, CLOSE }
    }

    private final Step[] steps;

    private ApiEntryLayout(Step[] steps) {
        this.steps = steps;
    }

    static ApiEntryLayout of(List<RecordField> fields) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (int f = 0; f < fields.size(); f++) {
            List<String> paths = fields.get(f).apiPaths();
            parent(root, paths.get(0), true);
            for (int p = 0; p < writtenPaths(fields.get(f)); p++) {
                String path = paths.get(p);
                // Only the main path's objects are always there; another path creating one would make its place
                // depend on the record, which a fixed order cannot express.
                parent(root, path, false).put(path.substring(path.lastIndexOf('.') + 1), new int[]{f, p});
            }
        }
        List<Step> steps = new ArrayList<>();
        flatten(root, steps);
        return new ApiEntryLayout(steps.toArray(Step[]::new));
    }

    /** How many of its API paths {@link ApiCodec#toEntry} writes for {@code field}: both forms of a timestamp. */
    static int writtenPaths(RecordField field) {
        return field.type() == FieldType.TIMESTAMP ? 2 : 1;
    }

    Step[] steps() {
        return steps;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parent(Map<String, Object> root, String path, boolean create) {
        Map<String, Object> node = root;
        int start = 0;
        for (int dot = path.indexOf('.'); dot >= 0; dot = path.indexOf('.', start)) {
            String segment = path.substring(start, dot);
            Object child = node.get(segment);
            if (child == null && !create) {
                throw new IllegalStateException("API path " + path + " would create an object of its own");
            }
            if (child == null) {
                child = new LinkedHashMap<String, Object>();
                node.put(segment, child);
            } else if (!(child instanceof Map)) {
                throw new IllegalStateException("API path " + path + " goes through a value");
            }
            node = (Map<String, Object>) child;
            start = dot + 1;
        }
        if (node.containsKey(path.substring(start))) {
            throw new IllegalStateException("API path " + path + " is written twice");
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(Map<String, Object> object, List<Step> steps) {
        object.forEach((key, value) -> {
            SerializedString name = new SerializedString(key);
            if (value instanceof int[] at) {
                steps.add(new Step(Step.Kind.VALUE, at[0], at[1], name));
            } else {
                steps.add(new Step(Step.Kind.OPEN, -1, -1, name));
                flatten((Map<String, Object>) value, steps);
                steps.add(new Step(Step.Kind.CLOSE, -1, -1, null));
            }
        });
    }
}
