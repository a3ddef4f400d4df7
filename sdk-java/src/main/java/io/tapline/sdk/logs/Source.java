package io.tapline.sdk.logs;

import java.util.Locale;

/** Where the proxy that captured a record sits: in front of a backend service, or at the edge. */
public enum Source {
    BACKEND, EDGE;

    /** The lower-case name the API uses. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The source named {@code name}, case-insensitive. */
    public static Source parse(String name) {
        for (Source s : values()) {
            if (s.wireName().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("source must be one of backend, edge");
    }
}
