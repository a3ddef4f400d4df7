package io.tapline.logstash;

import co.elastic.logstash.api.Event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A map-backed {@link Event} that behaves like Logstash's where the filter can tell: field references, tags in
 * the {@code tags} field, {@code [@metadata]} kept apart from the data, copies in and out (in hash maps, as
 * Logstash's, so key order is not kept).
 */
public class MapEvent implements Event {
    private static final String METADATA = "@metadata";
    private static final Pattern SPRINTF = Pattern.compile("%\\{([^}+][^}]*)}");

    private final Map<String, Object> data;
    private final Map<String, Object> metadata;
    private boolean cancelled;

    public MapEvent() {
        this(new LinkedHashMap<>());
    }

    /** Takes ownership of {@code data}; an {@code @metadata} entry in it becomes the event's metadata. */
    @SuppressWarnings("unchecked")
    public MapEvent(Map<String, Object> data) {
        this.data = data;
        Object meta = data.remove(METADATA);
        this.metadata = meta instanceof Map ? (Map<String, Object>) meta : new LinkedHashMap<>();
    }

    @Override
    public Map<String, Object> getData() {
        return data;
    }

    @Override
    public Map<String, Object> getMetadata() {
        return metadata;
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    @Override
    public void uncancel() {
        cancelled = false;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public Instant getEventTimestamp() {
        Object ts = data.get("@timestamp");
        return ts instanceof Instant ? (Instant) ts : ts == null ? null : Instant.parse(ts.toString());
    }

    @Override
    public void setEventTimestamp(Instant t) {
        data.put("@timestamp", t);
    }

    @Override
    public Object getField(String reference) {
        return DeepCopy.value(getUnconvertedField(reference));
    }

    @Override
    public Object getUnconvertedField(String reference) {
        Target target = target(reference);
        Object node = target.root;
        for (String key : target.path) {
            if (!(node instanceof Map)) {
                return null;
            }
            node = ((Map<?, ?>) node).get(key);
        }
        return node;
    }

    @Override
    public void setField(String reference, Object value) {
        Target target = target(reference);
        if (target.path.isEmpty()) {
            throw new IllegalArgumentException("cannot replace " + reference);
        }
        target.parent(true).put(target.last(), DeepCopy.unorderedValue(value));
    }

    @Override
    public boolean includes(String field) {
        Target target = target(field);
        Map<String, Object> parent = target.parent(false);
        return target.path.isEmpty() || parent != null && parent.containsKey(target.last());
    }

    @Override
    public Map<String, Object> toMap() {
        return DeepCopy.unordered(data);
    }

    @Override
    public Event overwrite(Event e) {
        data.clear();
        data.putAll(DeepCopy.of(e.getData()));
        metadata.clear();
        metadata.putAll(DeepCopy.of(e.getMetadata()));
        return this;
    }

    /** Adds the fields this event lacks (Logstash also merges nested values; not needed here). */
    @Override
    public Event append(Event e) {
        e.toMap().forEach(data::putIfAbsent);
        return this;
    }

    @Override
    public Object remove(String path) {
        Target target = target(path);
        Map<String, Object> parent = target.parent(false);
        return target.path.isEmpty() || parent == null ? null : parent.remove(target.last());
    }

    /** Replaces {@code %{field}} references; date formats ({@code %{+...}}) are left as they are. */
    @Override
    public String sprintf(String s) {
        Matcher m = SPRINTF.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = getField(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : String.valueOf(value)));
        }
        return m.appendTail(out).toString();
    }

    @Override
    public MapEvent clone() {
        Map<String, Object> copy = DeepCopy.of(data);
        copy.put(METADATA, DeepCopy.of(metadata));
        MapEvent clone = new MapEvent(copy);
        clone.cancelled = cancelled;
        return clone;
    }

    @Override
    public void tag(String tag) {
        Object tags = data.get("tags");
        List<Object> list = new ArrayList<>();
        if (tags instanceof List) {
            list.addAll((List<?>) tags);
        } else if (tags != null) {
            list.add(tags);
        }
        if (!list.contains(tag)) {
            list.add(tag);
        }
        data.put("tags", list);
    }

    @Override
    public String toString() {
        return "MapEvent" + data + (metadata.isEmpty() ? "" : " @metadata" + metadata);
    }

    /** A reference parsed once: the map it starts in (data or metadata) and the keys below that. */
    private Target target(String reference) {
        List<String> path = FieldReference.parse(reference);
        return path.get(0).equals(METADATA) ? new Target(metadata, path.subList(1, path.size())) : new Target(data, path);
    }

    private static final class Target {
        final Map<String, Object> root;
        final List<String> path;

        Target(Map<String, Object> root, List<String> path) {
            this.root = root;
            this.path = path;
        }

        String last() {
            return path.get(path.size() - 1);
        }

        /** The object holding the last key; missing objects are created when {@code create}, else null. */
        @SuppressWarnings("unchecked")
        Map<String, Object> parent(boolean create) {
            Map<String, Object> node = root;
            for (String key : path.subList(0, Math.max(0, path.size() - 1))) {
                Object child = node.get(key);
                if (!(child instanceof Map)) {
                    if (!create) {
                        return null;
                    }
                    child = new LinkedHashMap<String, Object>();
                    node.put(key, child);
                }
                node = (Map<String, Object>) child;
            }
            return node;
        }
    }
}
