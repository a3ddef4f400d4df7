package io.tapline.logstash;

import co.elastic.logstash.api.Event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A map-backed {@link Event} that behaves like Logstash's where the filter can tell: field references (parsed once
 * and cached, as Logstash's), tags in the {@code tags} field, {@code [@metadata]} kept apart from the data, copies
 * in and out (in hash maps, as Logstash's, so key order is not kept), and a {@code setField} through a value that
 * is not an object fails, as Logstash's does.
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

    /** A copy in plain hash maps, as Logstash's {@code Javafier} unconverts its maps into {@code HashMap}s. */
    @Override
    public Object getField(String reference) {
        return DeepCopy.unorderedValue(getUnconvertedField(reference));
    }

    @Override
    public Object getUnconvertedField(String reference) {
        Reference ref = Reference.of(reference);
        Object node = root(ref);
        for (String key : ref.path) {
            if (!(node instanceof Map)) {
                return null;
            }
            node = ((Map<?, ?>) node).get(key);
        }
        return node;
    }

    /**
     * Stores a copy, creating missing objects on the way; a value that is not an object in the way fails, as
     * Logstash's {@code Accessors.set} does ({@code InvalidFieldSetException}).
     */
    @Override
    public void setField(String reference, Object value) {
        Reference ref = Reference.of(reference);
        if (ref.path.length == 0) {
            throw new IllegalArgumentException("cannot replace " + reference);
        }
        Map<String, Object> parent = parent(ref, true);
        if (parent == null) {
            throw new IllegalStateException("Could not set field " + reference + ": a value that is not an object"
                    + " is in the way");
        }
        parent.put(ref.last(), DeepCopy.unorderedValue(value));
    }

    @Override
    public boolean includes(String field) {
        Reference ref = Reference.of(field);
        Map<String, Object> parent = parent(ref, false);
        return ref.path.length == 0 || parent != null && parent.containsKey(ref.last());
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
        Reference ref = Reference.of(path);
        Map<String, Object> parent = parent(ref, false);
        return ref.path.length == 0 || parent == null ? null : parent.remove(ref.last());
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

    private Map<String, Object> root(Reference ref) {
        return ref.metadata ? metadata : data;
    }

    /**
     * The object holding the reference's last key. Missing objects are created when {@code create}, else null;
     * null when a value that is not an object is in the way.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> parent(Reference ref, boolean create) {
        Map<String, Object> node = root(ref);
        for (int i = 0; i < ref.path.length - 1; i++) {
            Object child = node.get(ref.path[i]);
            if (child == null) {
                if (!create) {
                    return null;
                }
                child = new LinkedHashMap<String, Object>();
                node.put(ref.path[i], child);
            } else if (!(child instanceof Map)) {
                return null;
            }
            node = (Map<String, Object>) child;
        }
        return node;
    }

    /**
     * A reference parsed once: whether it starts in the metadata, and the keys below. Parsed references are
     * cached, as Logstash's {@code FieldReference.from} caches them (up to 10,000), so that a filter's constant
     * references cost a lookup, not a parse, as they do in Logstash.
     */
    private static final class Reference {
        private static final Map<String, Reference> CACHE = new ConcurrentHashMap<>();
        private static final int CACHE_LIMIT = 10_000;

        final boolean metadata;
        final String[] path;

        private Reference(boolean metadata, String[] path) {
            this.metadata = metadata;
            this.path = path;
        }

        static Reference of(String reference) {
            Reference cached = reference == null ? null : CACHE.get(reference);
            if (cached != null) {
                return cached;
            }
            List<String> keys = FieldReference.parse(reference);
            boolean metadata = keys.get(0).equals(METADATA);
            String[] path = (metadata ? keys.subList(1, keys.size()) : keys).toArray(new String[0]);
            for (int i = 0; i < path.length; i++) {
                path[i] = path[i].intern(); // as Logstash's FieldReference interns the keys it parses
            }
            Reference parsed = new Reference(metadata, path);
            if (CACHE.size() < CACHE_LIMIT) {
                CACHE.put(reference, parsed);
            }
            return parsed;
        }

        String last() {
            return path[path.length - 1];
        }
    }
}
