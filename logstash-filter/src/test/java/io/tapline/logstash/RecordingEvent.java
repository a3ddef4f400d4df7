package io.tapline.logstash;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A {@link MapEvent} that remembers which references were written with {@code setField}. */
final class RecordingEvent extends MapEvent {
    final List<String> setReferences = new ArrayList<>();

    RecordingEvent(Map<String, Object> data) {
        super(data);
    }

    @Override
    public void setField(String reference, Object value) {
        setReferences.add(reference);
        super.setField(reference, value);
    }
}
