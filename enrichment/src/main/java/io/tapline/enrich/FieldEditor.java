package io.tapline.enrich;

import java.util.Map;
import java.util.function.Consumer;

/**
 * How the enricher reads and edits the record it works on, field by field: a document in hand
 * ({@link EditedDocument}), or a record held elsewhere whose changes are handed back ({@link EditedRecord}). Both
 * must give the enricher the same values and take the same edits, so both kinds of caller store the same document.
 */
abstract class FieldEditor {
    /** The value at {@code path}, or null when any step is missing or is not an object ({@link Documents#get}). */
    abstract Object get(FieldPath path);

    /** The text at {@code path} ({@link Documents#string}). */
    final String string(FieldPath path) {
        return Documents.asString(get(path));
    }

    /**
     * Sets the value at {@code path} unless it is null or already there ({@link Documents#putIfChanged}): missing
     * objects on the way are created; a value that is not an object in the way leaves the record as it is.
     */
    abstract void put(Object value, FieldPath path);

    /** Edits the object at {@code path} ({@link Documents#update}); the caller knows that the edit changes it. */
    abstract void update(Consumer<Map<String, Object>> edit, FieldPath path);

    /** Records that {@code object}, the value {@link #get} gave for {@code path}, was edited in place. */
    abstract void edited(FieldPath path, Map<?, ?> object);
}
