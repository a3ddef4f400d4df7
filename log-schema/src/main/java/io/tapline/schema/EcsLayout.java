package io.tapline.schema;

import com.fasterxml.jackson.core.io.SerializedString;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of the ECS document, derived once from {@link RecordFields}: every ECS path of every field in table
 * order (a <em>leaf</em>), and the objects above the leaves. {@link EcsJsonWriter} walks it instead of building
 * nested maps; nothing here names a field, so the table stays the one place that does.
 */
final class EcsLayout {
    /**
     * One ECS path of one field.
     *
     * @param field     the field writing it
     * @param pathIndex which of the field's {@link RecordField#ecsPaths()} it is
     * @param parents   ids of the objects above it, outermost first (empty for a top-level key)
     * @param name      its key inside its innermost object, pre-encoded
     */
    record Leaf(RecordField field, int pathIndex, int[] parents, SerializedString name) {
        int depth() {
            return parents.length;
        }
    }

    private final Leaf[] leaves;
    private final int[] firstLeafOfField;
    private final SerializedString[] objectNames;

    private EcsLayout(Leaf[] leaves, int[] firstLeafOfField, SerializedString[] objectNames) {
        this.leaves = leaves;
        this.firstLeafOfField = firstLeafOfField;
        this.objectNames = objectNames;
    }

    /** The layout of {@code fields}, which must be in the order their documents list them. */
    static EcsLayout of(List<RecordField> fields) {
        List<Leaf> leaves = new ArrayList<>();
        int[] firstLeaf = new int[fields.size()];
        // Object ids by dotted prefix; an object's id is fixed the first time any leaf below it is seen.
        Map<String, Integer> objects = new LinkedHashMap<>();
        for (int f = 0; f < fields.size(); f++) {
            RecordField field = fields.get(f);
            firstLeaf[f] = leaves.size();
            List<String> paths = field.ecsPaths();
            for (int p = 0; p < paths.size(); p++) {
                String[] segments = paths.get(p).split("\\.");
                int[] parents = new int[segments.length - 1];
                StringBuilder prefix = new StringBuilder();
                for (int s = 0; s < parents.length; s++) {
                    prefix.append(s == 0 ? "" : ".").append(segments[s]);
                    parents[s] = objects.computeIfAbsent(prefix.toString(), k -> objects.size());
                }
                leaves.add(new Leaf(field, p, parents, new SerializedString(segments[segments.length - 1])));
            }
        }
        checkNoLeafIsAnObject(leaves, objects);
        SerializedString[] names = new SerializedString[objects.size()];
        objects.forEach((path, id) -> names[id] = new SerializedString(path.substring(path.lastIndexOf('.') + 1)));
        return new EcsLayout(leaves.toArray(Leaf[]::new), firstLeaf, names);
    }

    /** A path that is both a value and an object would make two different documents; refuse it up front. */
    private static void checkNoLeafIsAnObject(List<Leaf> leaves, Map<String, Integer> objects) {
        for (Leaf leaf : leaves) {
            String path = leaf.field().ecsPaths().get(leaf.pathIndex());
            if (objects.containsKey(path)) {
                throw new IllegalStateException("ECS path " + path + " is both a value and an object");
            }
        }
    }

    int leafCount() {
        return leaves.length;
    }

    Leaf leaf(int index) {
        return leaves[index];
    }

    /** Index of the first leaf of the field at {@code fieldIndex} in the table; its other paths follow it. */
    int firstLeafOf(int fieldIndex) {
        return firstLeafOfField[fieldIndex];
    }

    int objectCount() {
        return objectNames.length;
    }

    /** The key of object {@code id} inside its parent. */
    SerializedString objectName(int id) {
        return objectNames[id];
    }
}
