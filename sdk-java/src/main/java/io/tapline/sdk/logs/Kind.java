package io.tapline.sdk.logs;

import java.util.Locale;

/** What a record describes: a request the proxy saw, its response, or a proxy event. */
public enum Kind {
    REQUEST, RESPONSE, EVENT;

    /** The lower-case name the API uses. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named {@code name}, case-insensitive. */
    public static Kind parse(String name) {
        for (Kind k : values()) {
            if (k.wireName().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("kind must be one of request, response, event");
    }
}
