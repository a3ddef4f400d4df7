package io.tapline.enrich;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

    private static final Map<String, Field> BY_KEY = byKey();

    private final Object[] values = new Object[ALL.length];
    private int count;

    private static List<String> keys() {
        List<String> keys = new ArrayList<>(ALL.length);
        for (Field field : ALL) {
            keys.add(field.key);
        }
        return Collections.unmodifiableList(keys);
    }

    private static Map<String, Field> byKey() {
        Map<String, Field> byKey = new HashMap<>();
        for (Field field : ALL) {
            byKey.put(field.key, field);
        }
        return byKey;
    }

    /**
     * A bit ({@code 1 << ordinal}) for each owned field whose value in {@code current} (a {@code tapline.enrichment}
     * object) is not the one computed here.
     */
    int differing(Map<?, ?> current) {
        int differing = 0;
        if (current instanceof HashMap) {
            // A plain map (what parsers and Logstash make) is read through once instead of looked up twelve
            // times; a hash map finds a key by equals, as this walk does.
            int present = 0;
            for (Map.Entry<?, ?> entry : current.entrySet()) {
                Field field = entry.getKey() instanceof String ? BY_KEY.get(entry.getKey()) : null;
                if (field != null) {
                    present |= 1 << field.ordinal();
                    if (!Objects.equals(values[field.ordinal()], entry.getValue())) {
                        differing |= 1 << field.ordinal();
                    }
                }
            }
            for (Field field : ALL) {
                if ((present & 1 << field.ordinal()) == 0 && values[field.ordinal()] != null) {
                    differing |= 1 << field.ordinal();
                }
            }
            return differing;
        }
        for (Field field : ALL) {
            if (!Objects.equals(values[field.ordinal()], Documents.field(current, field.key))) {
                differing |= 1 << field.ordinal();
            }
        }
        return differing;
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
