package io.tapline.store.aggregate;

import io.tapline.schema.RecordFields;

/** A record field an inventory lists the values of. */
public enum Dimension {
    CONTAINER(RecordFields.CONTAINER_ID.ecsPath()),
    SERVICE(RecordFields.SERVICE_NAME.ecsPath());

    private final String field;

    Dimension(String field) {
        this.field = field;
    }

    /** The stored (ECS) field holding the value. */
    public String field() {
        return field;
    }
}
