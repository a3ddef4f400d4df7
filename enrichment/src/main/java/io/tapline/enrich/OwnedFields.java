package io.tapline.enrich;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The values the enricher computed for the fields it owns under {@code tapline.enrichment}, one slot per field:
 * a document's worth of results without a map of its own.
 */
final class OwnedFields {
    /** The owned fields, in the order they are first written into a document. */
    enum Field {
        ROUTE("route"), CLASS("class"), STATUS_CLASS("status_class"), ERROR_CLASS("error_class"), SLOW("slow"),
        USER_AGENT_CLASS("user_agent_class"), CLIENT_IP_CLASS("client_ip_class"),
        CLIENT_IP_VERSION("client_ip_version"), THREAT("threat"), LOG_FORMAT("log_format"), PATTERN("pattern"),
        PATTERN_ID("pattern_id");

        final String key;

        Field(String key) {
            this.key = key;
        }
    }

    static final Field[] ALL = Field.values();
    /** Their keys, in the same order. */
    static final List<String> KEYS = keys();

    private final Object[] values = new Object[ALL.length];
    private int count;

    private static List<String> keys() {
        List<String> keys = new ArrayList<>(ALL.length);
        for (Field field : ALL) {
            keys.add(field.key);
        }
        return Collections.unmodifiableList(keys);
    }

    /** Sets {@code field} to {@code value}; a null value leaves it unset. */
    void put(Field field, Object value) {
        if (value != null) {
            count += values[field.ordinal()] == null ? 1 : 0;
            values[field.ordinal()] = value;
        }
    }

    /** The value computed for {@code field}, or null when it does not apply. */
    Object get(Field field) {
        return values[field.ordinal()];
    }

    boolean isEmpty() {
        return count == 0;
    }
}
