package io.tapline.store;

/**
 * How Tapline's records are laid out in the cluster: plain daily indices (the default, and the only mode the
 * embedded node supports), or data streams, which need a cluster with the data-streams feature (x-pack) and
 * writers that index with op_type {@code create}.
 */
public enum IndexMode {
    DAILY_INDICES("daily indices"),
    DATA_STREAM("data streams");

    private final String description;

    IndexMode(String description) {
        this.description = description;
    }

    /** "daily indices" or "data streams", for reports. */
    public String description() {
        return description;
    }
}
