package io.tapline.store.aggregate;

import java.util.List;

/**
 * The values of one {@link Dimension} among the matching records, most records first (ties by name).
 *
 * @param total every matching record
 * @param items the listed values
 * @param other the matching records not counted in a listed value: values beyond the limit, and records
 *              without the field; {@code sum(items.count) + other == total}
 */
public record Inventory(long total, List<InventoryItem> items, long other) {

    public Inventory {
        items = List.copyOf(items);
    }
}
