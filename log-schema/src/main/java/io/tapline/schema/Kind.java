package io.tapline.schema;

import java.util.Locale;

/** What a record describes: a request seen by the proxy, its response, or a proxy event. */
public enum Kind {
    REQUEST, RESPONSE, EVENT;

    /** The lower-case name used on the wire, in Elasticsearch and in the API. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; throws {@link IllegalArgumentException} naming the accepted values. */
    public static Kind parse(String value) {
        if (value != null) {
            for (Kind k : values()) {
                if (k.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
        }
        throw new IllegalArgumentException("must be one of request, response, event");
    }
}
