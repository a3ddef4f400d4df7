package io.tapline.schema;

import java.util.Locale;

/** Where the proxied service sits: a {@code backend} service or an {@code edge} entry point. */
public enum Source {
    BACKEND, EDGE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; throws {@link IllegalArgumentException} naming the accepted values. */
    public static Source parse(String value) {
        if (value != null) {
            for (Source s : values()) {
                if (s.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("must be one of backend, edge");
    }
}
