package io.tapline.logstash;

import co.elastic.logstash.api.Event;
import io.tapline.enrich.Enricher;
import io.tapline.enrich.FieldChanges;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What the filter runs on an event: it reads the event and works out every change first ({@link #apply}), then
 * writes them ({@link Changes#writeTo}), so that an enrichment that fails leaves the event untouched.
 */
interface Enrichment {
    /** The changes to make to {@code event}, read but not yet changed. */
    Changes apply(Event event);

    /** Changes worked out for an event, not yet made. */
    interface Changes {
        void writeTo(Event event);
    }

    /**
     * The enrichment core, reading only the fields it needs, each with one {@code getField} (a copy, converted as
     * Logstash converts every value it hands out), and setting only the fields it changed, each with one
     * {@code setField}; the fields it owns under {@code tapline.enrichment} go as one object.
     */
    static Enrichment of(Enricher enricher) {
        return event -> {
            FieldChanges changes = enricher.enrichRecord(path -> event.getField(FieldReferences.of(path)));
            return target -> {
                for (int i = 0; i < changes.size(); i++) {
                    target.setField(FieldReferences.of(changes.get(i)), changes.value(i));
                }
            };
        };
    }

    /**
     * Any function of a whole document (tests stand in for the core with one): the event's copy of its data
     * ({@link Event#toMap}) without {@code @version}, {@code @timestamp} in its ISO form, as the wire carries it.
     * The function may edit in place or return another map, so its changes are found by comparing a snapshot
     * taken before with the result, and written back as whole top-level fields; {@code @timestamp} stays
     * Logstash's.
     */
    static Enrichment diffing(UnaryOperator<Map<String, Object>> function) {
        Objects.requireNonNull(function, "enrich");
        return event -> {
            Map<String, Object> document = event.toMap();
            document.remove(Fields.VERSION);
            Object timestamp = document.get(Fields.TIMESTAMP);
            if (timestamp != null && !(timestamp instanceof String)) {
                document.put(Fields.TIMESTAMP, timestamp.toString());
            }
            Map<String, Object> before = DeepCopy.unordered(document);
            Map<String, Object> returned = function.apply(document);
            Map<String, Object> after = returned == null ? document : returned;
            List<String> changed = new ArrayList<>();
            for (Map.Entry<String, Object> field : after.entrySet()) {
                if (!field.getKey().equals(Fields.TIMESTAMP)
                        && !Objects.equals(before.get(field.getKey()), field.getValue())) {
                    changed.add(field.getKey());
                }
            }
            List<String> removed = new ArrayList<>();
            for (String key : before.keySet()) {
                if (!key.equals(Fields.TIMESTAMP) && !after.containsKey(key)) {
                    removed.add(key);
                }
            }
            return target -> {
                for (String key : changed) {
                    target.setField(FieldReferences.topLevel(key), after.get(key));
                }
                for (String key : removed) {
                    target.remove(FieldReferences.topLevel(key));
                }
            };
        };
    }

    /** Logstash's own fields. */
    final class Fields {
        static final String TIMESTAMP = "@timestamp";
        /** Logstash's bookkeeping field; the index template is strict and has no mapping for it. */
        static final String VERSION = "@version";

        private Fields() {
        }
    }
}
