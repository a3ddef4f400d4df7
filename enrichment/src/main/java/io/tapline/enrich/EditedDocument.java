package io.tapline.enrich;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The document one enrichment works on, and the top-level fields it has changed so far: a caller that keeps its
 * own copy of the record (the Logstash filter) then writes back exactly those. Every edit goes through here.
 * Paths are arrays, not varargs, so that callers pass the shared ones of {@link Ecs}.
 */
final class EditedDocument {
    private final Map<String, Object> fields;
    private final List<String> changed = new ArrayList<>(6);

    EditedDocument(Map<String, Object> fields) {
        this.fields = fields;
    }

    Object get(String[] path) {
        return Documents.get(fields, path);
    }

    String string(String[] path) {
        return Documents.string(fields, path);
    }

    /** Sets the value at {@code path} unless it is null or already there ({@link Documents#put}). */
    void put(Object value, String[] path) {
        if (value != null && Documents.putIfChanged(fields, value, path)) {
            changed(path[0]);
        }
    }

    void remove(String[] path) {
        if (Documents.remove(fields, path)) {
            changed(path[0]);
        }
    }

    /** Edits the object at {@code path} ({@link Documents#update}); the caller knows that the edit changes it. */
    void update(Consumer<Map<String, Object>> edit, String[] path) {
        if (Documents.update(fields, edit, path)) {
            changed(path[0]);
        }
    }

    /** Records a change made to the object under {@code topLevelKey} without going through this class. */
    void changed(String topLevelKey) {
        if (!changed.contains(topLevelKey)) {
            changed.add(topLevelKey);
        }
    }

    /** The top-level fields changed so far, each once, in the order of their first change. */
    List<String> changedFields() {
        return changed;
    }
}
