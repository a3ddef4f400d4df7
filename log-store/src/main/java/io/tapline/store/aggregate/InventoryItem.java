package io.tapline.store.aggregate;

import java.util.List;
import java.util.Objects;

/**
 * One container or service of an {@link Inventory}.
 *
 * @param name       the container id or service name
 * @param count      how many matching records carry it
 * @param lastSeenMs the {@code tsMs} of the newest of them
 * @param projectIds the projects those records belong to, sorted (normally exactly one)
 */
public record InventoryItem(String name, long count, long lastSeenMs, List<String> projectIds) {

    public InventoryItem {
        Objects.requireNonNull(name, "name");
        projectIds = List.copyOf(projectIds);
    }
}
