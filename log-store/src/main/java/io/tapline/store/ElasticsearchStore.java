package io.tapline.store;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.tapline.schema.EcsCodec;
import io.tapline.schema.IndexNames;
import io.tapline.schema.LogRecord;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@link SearchStore} over Elasticsearch's daily Tapline indices. Pages are sorted newest first by
 * {@code @timestamp} then {@code tapline.id}; offsets past the 10,000-hit window are reached by walking
 * {@code search_after} over sort values only, so deep pages cost a few light requests instead of failing.
 */
public final class ElasticsearchStore implements SearchStore {
    /** Elasticsearch's default {@code index.max_result_window}. */
    static final int RESULT_WINDOW = 10_000;

    private final ElasticsearchClient client;

    public ElasticsearchStore(ElasticsearchConnection connection) {
        this.client = connection.client();
    }

    /** Attempts for a search that meets shards still starting (a new daily index) or a busy node. */
    private static final int SEARCH_ATTEMPTS = 6;

    @Override
    public LogPage search(LogQuery query) {
        for (int attempt = 1; ; attempt++) {
            try {
                return searchOnce(query);
            } catch (StoreUnavailableException e) {
                // A daily index created a moment ago answers 503 until its shard has started: worth a short wait.
                if (attempt >= SEARCH_ATTEMPTS || !busyOrStarting(e)) {
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

    @SuppressWarnings({"rawtypes", "unchecked"})
    private LogPage searchOnce(LogQuery query) {
        Query filter = filter(query);
        try {
            List<FieldValue> after = null;
            int skip = query.offset();
            if (skip + query.limit() > RESULT_WINDOW) {
                after = skipTo(filter, skip);
                skip = 0;
            }
            List<FieldValue> searchAfter = after;
            int from = skip;
            SearchResponse<Map> response = client.search(SearchRequest.of(s -> {
                s.index(IndexNames.PATTERN).ignoreUnavailable(true).allowNoIndices(true)
                        .query(filter).trackTotalHits(t -> t.enabled(true)).size(query.limit())
                        .sort(o -> o.field(f -> f.field("@timestamp").order(SortOrder.Desc)))
                        .sort(o -> o.field(f -> f.field("tapline.id").order(SortOrder.Desc)));
                if (searchAfter != null) {
                    s.searchAfter(searchAfter);
                } else {
                    s.from(from);
                }
                return s;
            }), Map.class);
            List<LogRecord> records = new ArrayList<>(response.hits().hits().size());
            for (Hit<Map> hit : response.hits().hits()) {
                records.add(EcsCodec.fromDocument((Map<String, Object>) hit.source()));
            }
            long total = response.hits().total() == null ? records.size() : response.hits().total().value();
            return new LogPage(records, total);
        } catch (IOException e) {
            throw new StoreUnavailableException("Elasticsearch is unreachable: " + e.getMessage(), e);
        } catch (ElasticsearchException e) {
            throw mapFailure(e);
        }
    }

    /** Walks {@code search_after} over sort values only, returning the sort values of hit number {@code skip}. */
    @SuppressWarnings("rawtypes")
    private List<FieldValue> skipTo(Query filter, int skip) throws IOException {
        List<FieldValue> after = null;
        int remaining = skip;
        while (remaining > 0) {
            int step = Math.min(remaining, RESULT_WINDOW);
            List<FieldValue> from = after;
            SearchResponse<Map> r = client.search(SearchRequest.of(s -> {
                s.index(IndexNames.PATTERN).ignoreUnavailable(true).allowNoIndices(true)
                        .query(filter).source(src -> src.fetch(false)).trackTotalHits(t -> t.enabled(false))
                        .size(step)
                        .sort(o -> o.field(f -> f.field("@timestamp").order(SortOrder.Desc)))
                        .sort(o -> o.field(f -> f.field("tapline.id").order(SortOrder.Desc)));
                if (from != null) {
                    s.searchAfter(from);
                }
                return s;
            }), Map.class);
            List<Hit<Map>> hits = r.hits().hits();
            if (hits.isEmpty()) {
                return after == null ? List.of(FieldValue.of(Long.MIN_VALUE), FieldValue.of(Long.MIN_VALUE)) : after;
            }
            after = hits.get(hits.size() - 1).sort();
            remaining -= hits.size();
            if (hits.size() < step) {
                // fewer matches than the offset: position after the last one, so the page is empty
                return after;
            }
        }
        return after;
    }

    private static Query filter(LogQuery query) {
        if (query.projectIds() == null) {
            return Query.of(q -> q.matchAll(m -> m));
        }
        if (query.projectIds().isEmpty()) {
            return Query.of(q -> q.matchNone(m -> m));
        }
        List<FieldValue> ids = query.projectIds().stream().sorted().map(FieldValue::of).toList();
        return Query.of(q -> q.bool(b -> b.filter(f -> f.terms(t -> t.field("tapline.project_id")
                .terms(v -> v.value(ids))))));
    }

    @Override
    public boolean isAvailable() {
        try {
            client.cluster().health(h -> h.timeout(t -> t.time("2s")));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Makes every record indexed so far visible to search (tests and benchmarks). */
    public void refresh() {
        try {
            client.indices().refresh(r -> r.index(IndexNames.PATTERN).ignoreUnavailable(true).allowNoIndices(true));
        } catch (IOException e) {
            throw new StoreUnavailableException("Elasticsearch is unreachable: " + e.getMessage(), e);
        }
    }

    private static RuntimeException mapFailure(ElasticsearchException e) {
        int status = e.status();
        if (status == 429 || status >= 500) {
            return new StoreUnavailableException("Elasticsearch could not answer: " + e.getMessage(), e);
        }
        return new IllegalStateException("Elasticsearch refused the search: " + e.getMessage(), e);
    }
}
