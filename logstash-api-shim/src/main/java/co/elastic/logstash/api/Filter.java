package co.elastic.logstash.api;

import java.util.Collection;
import java.util.Collections;

/** A Logstash Java filter: sees batches of events and returns the events that go on. */
public interface Filter extends Plugin {

    /**
     * Filters a batch. Mutating events in place and returning {@code events} is the common case; events passed
     * to {@link FilterMatchListener#filterMatched} get the common {@code add_field}/{@code add_tag} decorations.
     */
    Collection<Event> filter(Collection<Event> events, FilterMatchListener matchListener);

    /** Called after the pipeline shuts down (Logstash 8.6+). */
    default void close() {
    }

    default Collection<Event> flush(FilterMatchListener matchListener) {
        return Collections.emptyList();
    }

    default boolean requiresFlush() {
        return false;
    }

    default boolean requiresPeriodicFlush() {
        return false;
    }
}
