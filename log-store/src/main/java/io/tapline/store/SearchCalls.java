package io.tapline.store;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import io.tapline.store.snapshot.SnapshotExpiredException;

import java.io.IOException;
import java.util.List;

/**
 * Runs one search call against Elasticsearch with the store's one failure mapping: unreachable or overloaded is
 * {@link StoreUnavailableException} (retried briefly first), a query Elasticsearch finds too large is
 * {@link QueryRejectedException}, a vanished point in time is {@link SnapshotExpiredException}.
 */
public final class SearchCalls {

    /** Attempts for a search that meets shards still starting (a new daily index) or a busy node. */
    private static final int ATTEMPTS = 6;

    /** One call to Elasticsearch. */
    public interface Call<T> {
        T run() throws IOException;
    }

    private SearchCalls() {
    }

    /** Runs {@code call}, retrying while Elasticsearch answers 503/429, and maps its failure. */
    public static <T> T withRetries(Call<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(call);
            } catch (StoreUnavailableException e) {
                // A daily index created a moment ago answers 503 until its shard has started: worth a short wait.
                if (attempt >= ATTEMPTS || !busyOrStarting(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(Math.min(1_000L, 100L << (attempt - 1))); // 0.1 s, 0.2 s, … up to 3 s in all
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Runs {@code call} once and maps its failure. */
    public static <T> T once(Call<T> call) {
        try {
            return call.run();
        } catch (org.elasticsearch.client.ResponseException e) {
            throw map(e);
        } catch (IOException e) {
            throw new StoreUnavailableException("Elasticsearch is unreachable: " + e.getMessage(), e);
        } catch (ElasticsearchException e) {
            throw map(e);
        }
    }

    /**
     * True when Elasticsearch answered, but with 503/429 (a shard still starting, a full queue), rather than
     * not answering at all: only then is a retry worth the wait.
     */
    private static boolean busyOrStarting(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ElasticsearchException) {
                return true;
            }
            if (t instanceof org.elasticsearch.client.ResponseException r) {
                int status = r.getResponse().getStatusLine().getStatusCode();
                return status == 503 || status == 429;
            }
        }
        return false;
    }

    static RuntimeException map(ElasticsearchException e) {
        int status = e.status();
        if (hasCause(e.error(), "search_context_missing_exception")) {
            return new SnapshotExpiredException("the point in time is gone: " + e.getMessage(), e);
        }
        // Checked before the status: depending on where the limit trips, a shard reports it inside a 400 or a 500.
        if (hasCause(e.error(), "too_many_clauses") || hasCause(e.error(), "too_many_nested_clauses")) {
            return new QueryRejectedException("the query has more terms than Elasticsearch accepts", e);
        }
        if (status == 429 || status >= 500) {
            return new StoreUnavailableException("Elasticsearch could not answer: " + e.getMessage(), e);
        }
        return new IllegalStateException("Elasticsearch refused the search: " + e.getMessage(), e);
    }

    /** The same mapping for an error answer the low-level client reports (its message carries the body). */
    static RuntimeException map(org.elasticsearch.client.ResponseException e) {
        int status = e.getResponse().getStatusLine().getStatusCode();
        String body = String.valueOf(e.getMessage());
        if (body.contains("\"search_context_missing_exception\"")) {
            return new SnapshotExpiredException("the point in time is gone", e);
        }
        if (body.contains("\"too_many_clauses\"") || body.contains("\"too_many_nested_clauses\"")) {
            return new QueryRejectedException("the query has more terms than Elasticsearch accepts", e);
        }
        if (status == 429 || status >= 500) {
            return new StoreUnavailableException("Elasticsearch could not answer: status " + status, e);
        }
        return new IllegalStateException("Elasticsearch refused the search: " + body, e);
    }

    /** True when {@code cause}, its root causes or its cause chain name an error of {@code type}. */
    static boolean hasCause(ErrorCause cause, String type) {
        if (cause == null) {
            return false;
        }
        if (type.equals(cause.type()) || hasCause(cause.causedBy(), type)) {
            return true;
        }
        List<ErrorCause> roots = cause.rootCause();
        for (ErrorCause root : roots) {
            if (hasCause(root, type)) {
                return true;
            }
        }
        return false;
    }
}
