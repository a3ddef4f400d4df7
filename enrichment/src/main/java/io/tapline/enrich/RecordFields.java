package io.tapline.enrich;

/**
 * A record held somewhere else (a Logstash event), which {@link Enricher#enrichRecord(RecordFields)} reads one field at a
 * time: it asks only for the fields it needs, and hands back the changes instead of making them.
 */
@FunctionalInterface
public interface RecordFields {
    /**
     * The value at {@code path}, as {@link java.util.Map#get} would find it walking the record's objects: null when
     * the field or an object on the way is missing, or when a value that is not an object is on the way. A map or
     * list returned is the caller's own copy, which the enricher may edit.
     */
    Object get(FieldPath path);
}
