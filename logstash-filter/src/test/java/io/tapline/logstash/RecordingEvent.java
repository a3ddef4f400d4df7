package io.tapline.logstash;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A {@link MapEvent} that remembers the references read with {@code getField}, written with {@code setField}. */
final class RecordingEvent extends MapEvent {
    final List<String> setReferences = new ArrayList<>();
    final List<String> getReferences = new ArrayList<>();
    int toMapCalls;

    RecordingEvent(Map<String, Object> data) {
        super(data);
    }

    @Override
    public void setField(String reference, Object value) {
        setReferences.add(reference);
        super.setField(reference, value);
    }

    @Override
    public Object getField(String reference) {
        getReferences.add(reference);
        return super.getField(reference);
    }

    @Override
    public Map<String, Object> toMap() {
        toMapCalls++;
        return super.toMap();
    }

    void forget() {
        setReferences.clear();
        getReferences.clear();
        toMapCalls = 0;
    }
}
