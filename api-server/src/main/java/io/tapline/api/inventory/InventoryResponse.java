package io.tapline.api.inventory;

import io.tapline.schema.Timestamps;
import io.tapline.store.aggregate.Inventory;
import io.tapline.store.aggregate.InventoryItem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of an inventory, as an ordered map because the list and item key names depend on the kind:
 * <pre>{"containers": [{"containerId", "count", "lastSeenMs", "lastSeenIso", "projectIds"}], "total", "other"}</pre>
 * ({@code services} / {@code serviceName} for services). {@code total} counts every matching entry and
 * {@code other} those not under a listed item (items beyond {@code limit}, and entries without the field).
 */
final class InventoryResponse {

    private InventoryResponse() {
    }

    static Map<String, Object> of(InventoryKind kind, Inventory inventory) {
        List<Map<String, Object>> items = new ArrayList<>(inventory.items().size());
        for (InventoryItem item : inventory.items()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put(kind.keyName(), item.name());
            entry.put("count", item.count());
            entry.put("lastSeenMs", item.lastSeenMs());
            entry.put("lastSeenIso", Timestamps.iso(item.lastSeenMs()));
            entry.put("projectIds", item.projectIds());
            items.add(entry);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(kind.listName(), items);
        body.put("total", inventory.total());
        body.put("other", inventory.other());
        return body;
    }
}
