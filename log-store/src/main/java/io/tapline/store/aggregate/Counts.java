package io.tapline.store.aggregate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The records of one dimension counted by value: the listed values, most frequent first (ties by value), and
 * {@code other}, every counted record not in a listed value (values beyond the bound, and records without the
 * field). The listed counts plus {@code other} always add up to the total they were counted from.
 *
 * @param top   value to record count, in order
 * @param other the records not counted under a listed value
 */
public record Counts(Map<String, Long> top, long other) {

    public Counts {
        Objects.requireNonNull(top, "top");
        top = Collections.unmodifiableMap(new LinkedHashMap<>(top));
        if (other < 0) {
            throw new IllegalArgumentException("other must not be negative");
        }
    }

    /** The sum of the listed counts. */
    public long listed() {
        return top.values().stream().mapToLong(Long::longValue).sum();
    }
}
