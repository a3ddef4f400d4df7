package io.tapline.enrich;

import java.util.function.Function;

/**
 * The results of a pure function of short strings for the inputs seen lately: a direct-mapped table, one slot per
 * hash, each slot holding the last input that fell there and its result. Traffic repeats a few values over and over
 * (a service sees a handful of user agents), so most lookups find theirs and the function is not run again; an
 * input that differs only pushes the previous one out. Thread-safe without locks: a slot holds one immutable entry,
 * written and read whole (a racing reader sees an older entry, a newer one or none, each consistent). The function
 * must be pure and its results immutable: a result found here is the very object an earlier call returned.
 */
final class RecentResults<V> {
    private final Entry<V>[] slots;
    private final int mask;
    private final int maxKeyLength;
    private final Function<String, V> function;

    private static final class Entry<V> {
        final String key;
        final V value;

        Entry(String key, V value) {
            this.key = key;
            this.value = value;
        }
    }

    /**
     * {@code slots} must be a power of two. Inputs longer than {@code maxKeyLength} are computed every time:
     * unusual values are rarely repeated, and a slot must not keep a huge string alive.
     */
    @SuppressWarnings("unchecked")
    RecentResults(int slots, int maxKeyLength, Function<String, V> function) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two: " + slots);
        }
        this.slots = (Entry<V>[]) new Entry<?>[slots];
        this.mask = slots - 1;
        this.maxKeyLength = maxKeyLength;
        this.function = function;
    }

    /** {@code function.apply(key)}, computed now or earlier for an equal key. */
    V get(String key) {
        if (key.length() > maxKeyLength) {
            return function.apply(key);
        }
        int h = key.hashCode();
        int slot = (h ^ (h >>> 16)) & mask;
        Entry<V> entry = slots[slot];
        if (entry != null && entry.key.equals(key)) {
            return entry.value;
        }
        V value = function.apply(key);
        slots[slot] = new Entry<>(key, value);
        return value;
    }
}
