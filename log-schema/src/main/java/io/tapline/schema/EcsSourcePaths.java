package io.tapline.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ECS paths {@link EcsCodec#fromDocument} reads, as a trie of key segments derived from {@link RecordFields},
 * so that a streaming reader finds a {@code _source} key's slot with one hash lookup per key instead of building
 * dotted names. A slot is one (field, ECS path) pair; slots are numbered in table order.
 */
final class EcsSourcePaths {

    /** One trie node: the child objects by key segment, or the slot this path ends in. */
    static final class Node {
        private final Map<String, Node> children = new HashMap<>();
        private int slot = -1;
        private boolean wholeObject;

        /** The child at key segment {@code name}, or null. */
        Node child(String name) {
            return children.get(name);
        }

        /** The slot this path ends in, or -1 for an object above slots. */
        int slot() {
            return slot;
        }

        /** True when the slot's value is one JSON object read whole (headers, enrichment), never walked into. */
        boolean wholeObject() {
            return wholeObject;
        }
    }

    private final Node root = new Node();
    private final int[] fieldOfSlot;
    private final int[] firstSlotOfField;

    private EcsSourcePaths(List<RecordField> fields) {
        List<Integer> fieldOf = new ArrayList<>();
        firstSlotOfField = new int[fields.size()];
        for (int f = 0; f < fields.size(); f++) {
            RecordField field = fields.get(f);
            firstSlotOfField[f] = fieldOf.size();
            List<String> paths = readPaths(field);
            for (String path : paths) {
                Node node = root;
                for (String segment : segments(path)) {
                    node = node.children.computeIfAbsent(segment, k -> new Node());
                }
                if (node.slot >= 0 || !node.children.isEmpty()) {
                    throw new IllegalStateException("ECS path " + path + " is read twice or is also an object");
                }
                node.slot = fieldOf.size();
                node.wholeObject = field.type() == FieldType.HEADERS || field.type() == FieldType.OBJECT;
                fieldOf.add(f);
            }
        }
        fieldOfSlot = fieldOf.stream().mapToInt(Integer::intValue).toArray();
    }

    static EcsSourcePaths of(List<RecordField> fields) {
        return new EcsSourcePaths(fields);
    }

    /**
     * The paths the document codec reads for {@code field}: a body's three, the main path of anything else (the
     * URL's derived path and query are never read back).
     */
    static List<String> readPaths(RecordField field) {
        return field.type() == FieldType.BODY ? field.ecsPaths() : List.of(field.ecsPath());
    }

    Node root() {
        return root;
    }

    int slotCount() {
        return fieldOfSlot.length;
    }

    /** The first slot of the field at {@code fieldIndex}; its other read paths follow it. */
    int firstSlotOf(int fieldIndex) {
        return firstSlotOfField[fieldIndex];
    }

    /**
     * Walks {@code key}, which may itself hold dots ({@code "http.request"}), down from {@code from}, as the
     * dotted name {@code prefix + "." + key} would be looked up: every dot separates segments, empty ones
     * included. Null when no read path starts so.
     */
    static Node walk(Node from, String key) {
        Node direct = from.child(key);
        if (direct != null || key.indexOf('.') < 0) {
            return direct;
        }
        Node node = from;
        int start = 0;
        while (true) {
            if (node.slot >= 0) {
                return null; // a value has no members: "tapline.id.x" is no read path
            }
            int dot = key.indexOf('.', start);
            node = node.child(dot < 0 ? key.substring(start) : key.substring(start, dot));
            if (node == null || dot < 0) {
                return node;
            }
            start = dot + 1;
        }
    }

    /** {@code path} split at every dot, keeping empty segments. */
    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int dot = path.indexOf('.'); dot >= 0; dot = path.indexOf('.', start)) {
            out.add(path.substring(start, dot));
            start = dot + 1;
        }
        out.add(path.substring(start));
        return out;
    }
}
