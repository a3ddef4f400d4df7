package io.tapline.enrich;

import java.util.AbstractList;

/**
 * What {@link Enricher#enrichRecord(RecordFields)} changed: each field to set and its new value (never null; the enricher
 * never removes a field), at most once per field, none of them inside another. The values are the enricher's own,
 * not shared with the record, so the caller may store them as they are.
 */
public final class FieldChanges extends AbstractList<FieldPath> {
    private final FieldPath[] paths;
    private final Object[] values;
    private final int size;

    FieldChanges(FieldPath[] paths, Object[] values, int size) {
        this.paths = paths;
        this.values = values;
        this.size = size;
    }

    /** The {@code i}th field changed. */
    @Override
    public FieldPath get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return paths[i];
    }

    /** The new value of the {@code i}th field changed. */
    public Object value(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return values[i];
    }

    @Override
    public int size() {
        return size;
    }
}
