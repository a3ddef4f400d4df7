package io.tapline.enrich;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The document one enrichment works on, and the top-level fields it has changed so far
 * ({@link Enricher#enrichReportingChanges}). Every edit goes through here; a record held elsewhere, such as a
 * Logstash event, is enriched through {@link EditedRecord} instead.
 *
 * <p>A field is read from the object holding it, and the objects on the way are looked up once: the lookups in
 * a freshly parsed document, not yet in the CPU's caches, are much of what enrichment costs. An edit that creates
 * an object or replaces one by a copy forgets them all; every other edit leaves them where they are.
 */
final class EditedDocument extends FieldEditor {
    private final Map<String, Object> fields;
    private final List<String> changed = new ArrayList<>(6);
    /** One bit per top-level path ({@link FieldPath#root}) whose key is in {@link #changed}. */
    private long changedRoots;
    /** The value at each object path looked up so far ({@link FieldPath#slot}); valid where {@link #known} says. */
    private final Object[] objects = new Object[Ecs.OBJECTS];
    /** One bit per slot of {@link #objects}: set once it has been looked up, since the last restructuring edit. */
    private long known;

    EditedDocument(Map<String, Object> fields) {
        this.fields = fields;
    }

    @Override
    Object get(FieldPath path) {
        Object parent = path.parent == null ? fields : object(path.parent);
        return parent instanceof Map ? Documents.field((Map<?, ?>) parent, path.key) : null;
    }

    private Object object(FieldPath path) {
        long bit = 1L << path.slot;
        if ((known & bit) != 0) {
            return objects[path.slot];
        }
        Object value = get(path);
        objects[path.slot] = value;
        known |= bit;
        return value;
    }

    @Override
    void put(Object value, FieldPath path) {
        if (value == null) {
            return;
        }
        // Straight into the object holding the field when it is there and writable, as the walk from the root
        // would; anything else (a missing or read-only object, a scalar in the way) takes that walk.
        Object parent = path.parent == null ? fields : object(path.parent);
        if (parent instanceof Map) {
            Map<String, Object> object = Documents.cast(parent);
            Object current = Documents.field(object, path.key);
            if (value.equals(current)) {
                return;
            }
            try {
                object.put(path.key, value);
                edited(Documents.CHANGED, path);
                return;
            } catch (UnsupportedOperationException readOnly) {
                // the walk below puts an edited copy in its place
            }
        }
        edited(Documents.putIfChangedReporting(fields, value, path.keys), path);
    }

    void remove(FieldPath path) {
        edited(Documents.removeReporting(fields, path.keys), path);
    }

    @Override
    void update(Consumer<Map<String, Object>> edit, FieldPath path) {
        // Straight into the object when it is there and writable; the walk from the root creates or copies it.
        Object parent = path.parent == null ? fields : object(path.parent);
        Object object = parent instanceof Map ? Documents.field((Map<?, ?>) parent, path.key) : null;
        if (object instanceof Map) {
            try {
                edit.accept(Documents.cast(object));
                edited(Documents.CHANGED, path);
                return;
            } catch (UnsupportedOperationException readOnly) {
                // the walk below edits a copy and puts it in its place, as the edit may run twice
            }
        }
        edited(Documents.updateReporting(fields, edit, path.keys), path);
    }

    private void edited(int result, FieldPath path) {
        if ((result & Documents.CHANGED) != 0) {
            changed(path);
            if ((result & Documents.RESTRUCTURED) != 0 || path.slot >= 0) {
                known = 0;
            }
        }
    }

    @Override
    void edited(FieldPath path, Map<?, ?> object) {
        changed(path);
    }

    private void changed(FieldPath path) {
        long bit = 1L << path.root.index;
        if ((changedRoots & bit) == 0) {
            changedRoots |= bit;
            changed.add(path.root.key);
        }
    }

    /** The top-level fields changed so far, each once, in the order of their first change. */
    List<String> changedFields() {
        return changed;
    }
}
