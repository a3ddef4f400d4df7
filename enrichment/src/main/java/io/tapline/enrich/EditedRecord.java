package io.tapline.enrich;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The enricher's view of a record held elsewhere ({@link RecordFields}): each field is read once, when first
 * needed, and every change is kept here, to be handed back ({@link #changes}) instead of made. It must answer
 * and accept edits exactly as {@link EditedDocument} does on the same record as a document, so that the caller
 * applying the changes stores what the direct path stores: a value that is not an object in the way of a field
 * blocks the edit, a missing object is created.
 *
 * <p>An object is known to be one once a field under it has been read with a value; only an edit under an
 * object not yet known asks the record about the object itself, which is rare (a document without
 * {@code log.level}, say).
 */
final class EditedRecord extends FieldEditor {
    private final RecordFields record;
    /** The value of each path read or set so far, at its index; valid where {@link #known} says. */
    private final Object[] values = new Object[Ecs.PATHS];
    /** One bit per path index: its value is in {@link #values}. */
    private long known;
    /** One bit per path index: an object there is known to be a map, or to be created by a change. */
    private long objects;
    /** One bit per path index: the field was changed. */
    private long changed;

    EditedRecord(RecordFields record) {
        this.record = record;
    }

    @Override
    Object get(FieldPath path) {
        long bit = 1L << path.index;
        if ((known & bit) != 0) {
            return values[path.index];
        }
        Object value = record.get(path);
        values[path.index] = value;
        known |= bit;
        if (value != null) {
            objects(path.parent);
        }
        return value;
    }

    @Override
    void put(Object value, FieldPath path) {
        if (value == null) {
            return;
        }
        Object current = get(path);
        if (value.equals(current) || current == null && !writable(path.parent)) {
            return;
        }
        set(path, value);
    }

    @Override
    void update(Consumer<Map<String, Object>> edit, FieldPath path) {
        Object current = get(path);
        Map<String, Object> object;
        if (current instanceof Map) {
            object = Documents.cast(current);
            try {
                edit.accept(object);
            } catch (UnsupportedOperationException readOnly) {
                object = new LinkedHashMap<>(object);
                edit.accept(object);
            }
        } else if (current == null && writable(path.parent)) {
            object = new LinkedHashMap<>();
            edit.accept(object);
        } else {
            return; // a value that is not an object is in the way, as Documents.update leaves it
        }
        set(path, object);
    }

    @Override
    void edited(FieldPath path, Map<?, ?> object) {
        set(path, object);
    }

    /** The fields changed and their new values, in the order of {@link FieldPath#all}. */
    FieldChanges changes() {
        int size = Long.bitCount(changed);
        FieldPath[] paths = new FieldPath[size];
        Object[] newValues = new Object[size];
        int i = 0;
        for (long left = changed; left != 0; left &= left - 1) {
            int index = Long.numberOfTrailingZeros(left);
            paths[i] = Ecs.ALL.get(index);
            newValues[i++] = values[index];
        }
        return new FieldChanges(paths, newValues, size);
    }

    private void set(FieldPath path, Object value) {
        long bit = 1L << path.index;
        values[path.index] = value;
        known |= bit;
        changed |= bit;
        objects(path.parent);
    }

    /** Marks {@code object} and those above it as objects: a field under them has a value. */
    private void objects(FieldPath object) {
        for (FieldPath p = object; p != null && (objects & 1L << p.index) == 0; p = p.parent) {
            objects |= 1L << p.index;
        }
    }

    /**
     * Whether a field can be set in {@code object}: it is an object, or missing with a writable parent (the change
     * creates it). A value that is not an object, on the way or in its place, blocks it.
     */
    private boolean writable(FieldPath object) {
        for (FieldPath p = object; p != null; p = p.parent) {
            if ((objects & 1L << p.index) != 0) {
                return true;
            }
            Object value = record.get(p);
            if (value instanceof Map) {
                objects(p);
                return true;
            }
            if (value != null) {
                return false;
            }
        }
        return true; // the record itself
    }
}
