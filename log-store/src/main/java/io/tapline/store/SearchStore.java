package io.tapline.store;

/**
 * Reads log records back. The API server depends on this interface only, so that it runs over the real
 * Elasticsearch store in production and in tests alike.
 */
public interface SearchStore {

    /** One page of records matching {@code query}, newest first ({@code tsMs} desc, {@code id} desc). */
    LogPage search(LogQuery query);

    /** True when the backing cluster answers; used by {@code /api/status}. */
    boolean isAvailable();
}
