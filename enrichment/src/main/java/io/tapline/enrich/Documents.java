package io.tapline.enrich;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads and writes fields of a nested-map ECS document by path, tolerating every shape a document can arrive in:
 * missing objects, scalars where objects were expected, loosely typed numbers, read-only nested maps.
 */
final class Documents {
    private Documents() {
    }

    /** The value at {@code path}, or null when any step is missing or is not an object. */
    static Object get(Map<?, ?> document, String... path) {
        Object node = document;
        for (String key : path) {
            if (!(node instanceof Map)) {
                return null;
            }
            node = safeGet((Map<?, ?>) node, key);
        }
        return node;
    }

    /** The text at {@code path}: a string (any CharSequence), or the only element of a one-element list of them. */
    static String string(Map<?, ?> document, String... path) {
        return asString(get(document, path));
    }

    static String asString(Object value) {
        if (value instanceof CharSequence) {
            return value.toString();
        }
        if (value instanceof List && ((List<?>) value).size() == 1) {
            Object only = ((List<?>) value).get(0);
            return only instanceof CharSequence ? only.toString() : null;
        }
        return null;
    }

    /**
     * A whole number from an integer type, an integral floating-point value ({@code 200.0}) or a decimal string
     * ({@code "200"}, {@code " 200 "}); null for anything else, including {@code 200.5} and booleans.
     */
    static Long wholeNumber(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger) {
            return ((BigInteger) value).bitLength() < 63 ? ((BigInteger) value).longValue() : null;
        }
        Double d = decimal(value);
        if (d == null || d != Math.rint(d) || Math.abs(d) > 9.0e15) {
            return null; // beyond 2^53 a double no longer names one whole number
        }
        return d.longValue();
    }

    /** A finite number from any Number or a plain decimal string ({@code -12}, {@code 1.5}); null otherwise. */
    static Double decimal(Object value) {
        if (value instanceof Number) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? d : null;
        }
        if (!(value instanceof CharSequence)) {
            return null;
        }
        String s = value.toString().trim();
        // Checked by hand so that "NaN", "1e999", "0x10" or a 1 MiB string never reach Double.parseDouble.
        if (s.isEmpty() || s.length() > 40) {
            return null;
        }
        int i = s.charAt(0) == '-' ? 1 : 0;
        int digits = 0;
        boolean dot = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return null;
            }
        }
        return digits == 0 ? null : Double.parseDouble(s);
    }

    /** In what {@link #edit} returns: the edit reached the field's object (nothing was in the way). */
    static final int REACHED = 1;
    /** In what {@link #edit} returns: the document changed. */
    static final int CHANGED = 2;
    /** In what {@link #edit} returns: an object on the way was created, or replaced by a mutable copy. */
    static final int RESTRUCTURED = 4;

    /**
     * Sets {@code value} at {@code path}, creating missing objects and replacing read-only ones by mutable copies.
     * Returns false, changing nothing, when a non-object value sits where an object is needed.
     */
    static boolean put(Map<String, Object> document, Object value, String... path) {
        return (edit(document, path, 0, true, Documents::putField, value) & REACHED) != 0;
    }

    /**
     * Sets {@code value} (not null) at {@code path} unless it is already there, as {@link #put} does, walking the
     * path once. Returns whether the document changed.
     */
    static boolean putIfChanged(Map<String, Object> document, Object value, String... path) {
        return (putIfChangedReporting(document, value, path) & CHANGED) != 0;
    }

    /** {@link #putIfChanged}, returning the {@link #REACHED}, {@link #CHANGED} and {@link #RESTRUCTURED} bits. */
    static int putIfChangedReporting(Map<String, Object> document, Object value, String[] path) {
        return edit(document, path, 0, true, Documents::putFieldIfChanged, value);
    }

    /** Removes the field at {@code path} if it is there; returns whether it was. */
    static boolean remove(Map<String, Object> document, String... path) {
        return (removeReporting(document, path) & CHANGED) != 0;
    }

    /** {@link #remove}, returning the {@link #REACHED}, {@link #CHANGED} and {@link #RESTRUCTURED} bits. */
    static int removeReporting(Map<String, Object> document, String[] path) {
        return edit(document, path, 0, false, Documents::removeField, null);
    }

    /**
     * Applies {@code edit} to the object at {@code path}, creating it and missing objects above it, and replacing a
     * read-only one by an edited mutable copy. Returns false, changing nothing, when a non-object value is in the
     * way. The edit may run twice (the second time on a copy), so it must only depend on the object it is given.
     */
    static boolean update(Map<String, Object> document, Consumer<Map<String, Object>> edit, String... path) {
        return (updateReporting(document, edit, path) & CHANGED) != 0;
    }

    /** {@link #update}, returning the {@link #REACHED}, {@link #CHANGED} and {@link #RESTRUCTURED} bits. */
    static int updateReporting(Map<String, Object> document, Consumer<Map<String, Object>> edit, String[] path) {
        return edit(document, path, 0, true, Documents::updateObject, edit);
    }

    private static int putField(Map<String, Object> parent, String key, Object value) {
        parent.put(key, value);
        return CHANGED;
    }

    private static int putFieldIfChanged(Map<String, Object> parent, String key, Object value) {
        if (value.equals(safeGet(parent, key))) {
            return 0;
        }
        parent.put(key, value);
        return CHANGED;
    }

    private static int removeField(Map<String, Object> parent, String key, Object unused) {
        if (!parent.containsKey(key)) {
            return 0;
        }
        parent.remove(key);
        return CHANGED;
    }

    private static int updateObject(Map<String, Object> parent, String key, Object editObject) {
        @SuppressWarnings("unchecked")
        Consumer<Map<String, Object>> edit = (Consumer<Map<String, Object>>) editObject;
        Object child = safeGet(parent, key);
        if (child == null) {
            Map<String, Object> fresh = new LinkedHashMap<>();
            edit.accept(fresh);
            parent.put(key, fresh);
            return CHANGED | RESTRUCTURED;
        }
        if (!(child instanceof Map)) {
            return 0;
        }
        Map<String, Object> object = cast(child);
        try {
            edit.accept(object);
            return CHANGED;
        } catch (UnsupportedOperationException readOnly) {
            Map<String, Object> copy = new LinkedHashMap<>(object);
            edit.accept(copy);
            parent.put(key, copy);
            return CHANGED | RESTRUCTURED;
        }
    }

    /** An edit of the field {@code key} of {@code parent}; returns {@link #CHANGED} when it changed it, else 0. */
    private interface Edit {
        int apply(Map<String, Object> parent, String key, Object argument);
    }

    /**
     * Walks {@code path} from {@code i} and applies {@code edit} in the last object, creating missing objects when
     * {@code create} is set and replacing read-only ones by edited mutable copies. Returns 0 when a non-object
     * value is in the way, else {@link #REACHED} with {@link #CHANGED} and {@link #RESTRUCTURED} as they apply.
     */
    private static int edit(Map<String, Object> map, String[] path, int i, boolean create, Edit edit,
            Object argument) {
        String key = path[i];
        if (i == path.length - 1) {
            return REACHED | edit.apply(map, key, argument);
        }
        Object child = safeGet(map, key);
        if (child == null) {
            if (!create) {
                return 0;
            }
            Map<String, Object> fresh = new LinkedHashMap<>();
            int done = edit(fresh, path, i + 1, true, edit, argument);
            map.put(key, fresh);
            return done | CHANGED | RESTRUCTURED;
        }
        if (!(child instanceof Map)) {
            return 0;
        }
        Map<String, Object> object = cast(child);
        try {
            return edit(object, path, i + 1, create, edit, argument);
        } catch (UnsupportedOperationException readOnly) {
            // Nested maps built with Map.of or unmodifiableMap: edit a copy and put the copy in their place.
            Map<String, Object> copy = new LinkedHashMap<>(object);
            int done = edit(copy, path, i + 1, create, edit, argument);
            map.put(key, copy);
            return done | CHANGED | RESTRUCTURED;
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map;
    }

    /** The value of {@code key} in {@code map}, or null; for one level, what {@link #get} is for a path. */
    static Object field(Map<?, ?> map, String key) {
        return safeGet(map, key);
    }

    private static Object safeGet(Map<?, ?> map, String key) {
        try {
            return map.get(key);
        } catch (ClassCastException | NullPointerException foreignKeys) {
            return null; // a sorted map with non-String keys cannot hold our field
        }
    }
}
