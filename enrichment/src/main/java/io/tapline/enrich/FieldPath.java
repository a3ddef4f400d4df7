package io.tapline.enrich;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One of the fields the enricher reads or writes, as its keys from the document's root. Each is one shared
 * instance, made once ({@link Ecs}); {@link #all} lists them, each at its {@link #index}, so a caller that reads
 * the fields from elsewhere (a Logstash event, by field reference) can keep what it derives from a path in a table.
 */
public final class FieldPath {
    /** Every key from the root; never modified. */
    final String[] keys;
    final String key;
    /** The object the field sits in; null for a field of the document itself. */
    final FieldPath parent;
    /** The top-level field this path is in: itself for a field of the document. */
    final FieldPath root;
    /** This path's slot among the objects ({@link EditedDocument}), or -1 for a path that is only ever a field. */
    final int slot;
    /** This path's place among all paths. */
    final int index;
    private final List<String> keyList;

    FieldPath(FieldPath parent, String key, int slot, int index) {
        this.parent = parent;
        this.root = parent == null ? this : parent.root;
        this.key = key;
        this.slot = slot;
        this.index = index;
        int depth = parent == null ? 0 : parent.keys.length;
        this.keys = new String[depth + 1];
        if (parent != null) {
            System.arraycopy(parent.keys, 0, keys, 0, depth);
        }
        keys[depth] = key;
        this.keyList = Collections.unmodifiableList(Arrays.asList(keys.clone()));
    }

    /** Every path the enricher knows, each at its {@link #index}. */
    public static List<FieldPath> all() {
        return Ecs.ALL;
    }

    /** The keys from the document's root to the field, at least one. */
    public List<String> keys() {
        return keyList;
    }

    /** This path's place in {@link #all}. */
    public int index() {
        return index;
    }

    @Override
    public String toString() {
        return String.join(".", keys);
    }
}
