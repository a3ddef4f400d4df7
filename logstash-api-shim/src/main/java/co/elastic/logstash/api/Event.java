package co.elastic.logstash.api;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * A Logstash event. Fields are addressed by field references ({@code [a][b]} or a top-level {@code a});
 * {@code [@metadata]} holds data that never reaches outputs.
 */
public interface Event {
    Map<String, Object> getData();

    Map<String, Object> getMetadata();

    void cancel();

    void uncancel();

    boolean isCancelled();

    Instant getEventTimestamp();

    void setEventTimestamp(Instant t);

    Object getField(String reference);

    Object getUnconvertedField(String reference);

    void setField(String reference, Object value);

    boolean includes(String field);

    /** A Java copy of the event's data (without metadata). */
    Map<String, Object> toMap();

    Event overwrite(Event e);

    Event append(Event e);

    Object remove(String path);

    String sprintf(String s) throws IOException;

    Event clone();

    /** Adds {@code tag} to the {@code tags} field unless it is there already. */
    void tag(String tag);
}
