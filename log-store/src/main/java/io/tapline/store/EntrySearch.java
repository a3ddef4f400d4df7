package io.tapline.store;

import io.tapline.schema.ApiEntrySource;

import java.io.IOException;

/**
 * A store that can hand a page's hits straight to the API as entries ({@link ApiEntrySource}) as it reads the
 * search answer, instead of building records: what the API serves most, at a fraction of the cost. Each hit is
 * either transcoded from its stored document or, for a page without bodies, copied from the entry stored beside it
 * at index time.
 */
public interface EntrySearch {

    /** Receives each hit of a page in order; the hit holds its entry only until the call returns. */
    @FunctionalInterface
    interface HitConsumer {
        void accept(ApiEntrySource hit) throws IOException;
    }

    /**
     * Searches like {@link SearchStore#search} and passes every hit to {@code consumer}, in the query's order.
     * The consumer is called only once the answer has arrived, and never again for a retried request.
     *
     * @return the page's figures, as {@link LogPage} would have given them
     * @throws IllegalArgumentException when a stored document is not a record (as the record path throws)
     */
    default EntryPage searchEntries(LogQuery query, HitConsumer consumer) {
        return searchEntries(query, true, consumer);
    }

    /**
     * As {@link #searchEntries(LogQuery, HitConsumer)}; with {@code withBodies} false, the consumer never asks a
     * hit for a body, and the store may serve the page from stored entries (which hold none).
     */
    EntryPage searchEntries(LogQuery query, boolean withBodies, HitConsumer consumer);

    /**
     * @param count  hits passed to the consumer
     * @param total  as {@link LogPage#total()}
     * @param lastId the id of the last hit, or null when there was none
     */
    record EntryPage(int count, long total, Long lastId) {
    }
}
