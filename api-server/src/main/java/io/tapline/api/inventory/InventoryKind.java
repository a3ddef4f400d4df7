package io.tapline.api.inventory;

import io.tapline.store.aggregate.Dimension;

/** The two inventories: what each lists, and the names its response uses. */
public enum InventoryKind {
    CONTAINERS(Dimension.CONTAINER, "containers", "containerId", "the container inventory"),
    SERVICES(Dimension.SERVICE, "services", "serviceName", "the service inventory");

    private final Dimension dimension;
    private final String listName;
    private final String keyName;
    private final String endpointName;

    InventoryKind(Dimension dimension, String listName, String keyName, String endpointName) {
        this.dimension = dimension;
        this.listName = listName;
        this.keyName = keyName;
        this.endpointName = endpointName;
    }

    public Dimension dimension() {
        return dimension;
    }

    /** The response's list field and the path's last segment: {@code containers} or {@code services}. */
    public String listName() {
        return listName;
    }

    /** Each item's name field, the entry field it lists: {@code containerId} or {@code serviceName}. */
    public String keyName() {
        return keyName;
    }

    String endpointName() {
        return endpointName;
    }
}
