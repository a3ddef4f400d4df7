package io.tapline.store;

import io.tapline.schema.ApiEntryTranscoder;

import java.io.IOException;

/**
 * A store that can hand a page's documents straight to an {@link ApiEntryTranscoder} as it reads the search
 * answer, instead of building records: what the API serves most, at a fraction of the cost.
 */
public interface EntrySearch {

    /** Receives each hit of a page in order; the transcoder holds the hit's document until the call returns. */
    @FunctionalInterface
    interface HitConsumer {
        void accept(ApiEntryTranscoder hit) throws IOException;
    }

    /**
     * Searches like {@link SearchStore#search} and passes every hit to {@code consumer}, in the query's order.
     * The consumer is called only once the answer has arrived, and never again for a retried request.
     *
     * @return the page's figures, as {@link LogPage} would have given them
     * @throws IllegalArgumentException when a stored document is not a record (as the record path throws)
     */
    EntryPage searchEntries(LogQuery query, HitConsumer consumer);

    /**
     * @param count  hits passed to the consumer
     * @param total  as {@link LogPage#total()}
     * @param lastId the id of the last hit, or null when there was none
     */
    record EntryPage(int count, long total, Long lastId) {
    }
}
