package io.tapline.store;

import java.util.List;

/**
 * What one {@link BulkIndexer#index} call did: how many records were stored and which were rejected for
 * good (after retries), with Elasticsearch's reason. A rejected record is never silently lost: the caller
 * reports it, and {@link IndexerStats} counts it.
 */
public record BulkResult(int indexed, List<Rejection> rejected) {
    public BulkResult {
        rejected = List.copyOf(rejected);
    }

    /**
     * @param id     the record's id
     * @param status the item's HTTP status
     * @param reason Elasticsearch's error type and reason
     */
    public record Rejection(long id, int status, String reason) {
    }
}
