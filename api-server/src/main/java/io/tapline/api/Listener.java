package io.tapline.api;

/** The two API listeners: tenants on one port, the admin (and later {@code /metrics}) on another. */
enum Listener {
    TENANT("tenant"),
    ADMIN("admin");

    private final String label;

    Listener(String label) {
        this.label = label;
    }

    /** Lower-case name used in log lines and start-up errors. */
    String label() {
        return label;
    }
}
