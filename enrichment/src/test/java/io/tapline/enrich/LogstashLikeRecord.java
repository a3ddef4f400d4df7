package io.tapline.enrich;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A record held apart from the enricher, with the copy semantics of a Logstash event: reads hand out deep copies
 * ({@code getField}), writes store deep copies, create missing objects and fail when a value that is not an object
 * is in the way ({@code setField}, Logstash's {@code Accessors.InvalidFieldSetException}). It counts its reads.
 */
final class LogstashLikeRecord implements RecordFields {
    final Map<String, Object> data;
    final List<FieldPath> reads = new ArrayList<>();

    LogstashLikeRecord(Map<String, Object> document) {
        this.data = SampleDocuments.copy(document);
    }

    @Override
    public Object get(FieldPath path) {
        reads.add(path);
        return SampleDocuments.copy(Documents.get(data, path.keys().toArray(new String[0])));
    }

    /** Applies every change, as the Logstash filter does with {@code setField}. */
    Map<String, Object> apply(FieldChanges changes) {
        for (int i = 0; i < changes.size(); i++) {
            set(changes.get(i).keys(), changes.value(i));
        }
        return data;
    }

    private void set(List<String> keys, Object value) {
        Map<String, Object> node = data;
        for (String key : keys.subList(0, keys.size() - 1)) {
            Object child = node.get(key);
            if (child == null) {
                child = new HashMap<String, Object>();
                node.put(key, child);
            } else if (!(child instanceof Map)) {
                throw new IllegalStateException("Logstash would throw: setting " + keys + " through " + child);
            }
            node = Documents.cast(child);
        }
        node.put(keys.get(keys.size() - 1), SampleDocuments.copy(value));
    }
}
