package io.tapline.store.tail;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.FiltersBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.json.JsonData;
import io.tapline.schema.EcsCodec;
import io.tapline.schema.IndexNames;
import io.tapline.schema.LogRecord;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.RawSearch;
import io.tapline.store.SearchCalls;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The reads a tail follower needs over the daily Tapline indices, each one search request: the records above a
 * {@code tapline.id} cursor in ascending id order together with how many records the settle window below the
 * cursor holds (to notice a record that became visible late, behind records already followed); the counts of
 * several id ranges at once (to find where late records are); and the records of a range minus known ids (to
 * read only the late ones). Ids always travel as JSON longs, never as doubles, so that 64-bit ids stay exact.
 * Hits are read over the low-level client with a streaming parser ({@link RawSearch}), not the typed response.
 */
public final class ElasticsearchTail {

    private static final String ID = "tapline.id";

    private final ElasticsearchClient client;
    private final RawSearch raw;

    public ElasticsearchTail(ElasticsearchConnection connection) {
        this.client = connection.client();
        this.raw = new RawSearch(connection);
    }

    /**
     * What one poll saw: up to {@code size} records above the cursor, ascending, and how many records the window
     * {@code floor < tapline.id <= cursor} held in the same view of the index, or -1 when it was not counted
     * (no window, or a full page: the count only holds while every record above the cursor is in the page).
     */
    public record Poll(List<LogRecord> records, long settled) {
    }

    /**
     * Records with {@code tapline.id > cursor}, ascending, at most {@code size}; when {@code floor < cursor}, the
     * same request counts the window {@code (floor, cursor]}: the query is {@code tapline.id > floor}, its total
     * the window plus the new records, and {@code search_after} the cursor. One request, one view of the index.
     *
     * @throws io.tapline.store.StoreUnavailableException when Elasticsearch does not answer
     */
    public Poll after(long cursor, long floor, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be positive");
        }
        boolean window = floor < cursor;
        RawSearch.Hits hits = SearchCalls.once(() -> raw.search(SearchRequest.of(s -> {
            s.query(range(window ? floor : cursor, Long.MAX_VALUE)).size(size).sort(ascending());
            if (window) {
                s.searchAfter(FieldValue.of(cursor)).trackTotalHits(t -> t.enabled(true));
            } else {
                s.trackTotalHits(t -> t.enabled(false));
            }
            return s;
        })));
        List<LogRecord> records = decode(hits);
        long settled = window && records.size() < size && hits.total() >= 0 ? hits.total() - records.size() : -1;
        return new Poll(records, settled);
    }

    /**
     * How many records each range {@code (bounds[i], bounds[i + 1]]} holds, in one request (a {@code filters}
     * aggregation of exact long ranges: a {@code range} aggregation would compare ids as doubles).
     */
    public long[] counts(long[] bounds) {
        if (bounds.length < 2) {
            return new long[0];
        }
        List<Query> parts = new ArrayList<>(bounds.length - 1);
        for (int i = 0; i + 1 < bounds.length; i++) {
            parts.add(range(bounds[i], bounds[i + 1]));
        }
        SearchResponse<Void> response = SearchCalls.once(() -> client.search(s -> s.index(IndexNames.PATTERN)
                .ignoreUnavailable(true).allowNoIndices(true).size(0).trackTotalHits(t -> t.enabled(false))
                .query(range(bounds[0], bounds[bounds.length - 1]))
                .aggregations("parts", a -> a.filters(f -> f.filters(b -> b.array(parts)))), Void.class));
        long[] counts = new long[parts.size()];
        var aggregation = response.aggregations().get("parts");
        if (aggregation == null) {
            return counts; // no index matched: every range is empty
        }
        List<FiltersBucket> buckets = aggregation.filters().buckets().array();
        for (int i = 0; i < counts.length; i++) {
            counts[i] = buckets.get(i).docCount();
        }
        return counts;
    }

    /**
     * Up to {@code size} records with {@code afterId < tapline.id <= toId} whose id is not in {@code known},
     * ascending. {@code known} travels as a {@code terms} query, so keep it to a few thousand ids.
     */
    public List<LogRecord> missing(long afterId, long toId, Collection<Long> known, int size) {
        if (size < 1 || afterId >= toId) {
            return List.of();
        }
        List<FieldValue> ids = known.stream().map(FieldValue::of).toList();
        RawSearch.Hits hits = SearchCalls.once(() -> raw.search(SearchRequest.of(s -> s
                .query(q -> q.bool(b -> {
                    b.filter(range(afterId, toId));
                    if (!ids.isEmpty()) {
                        b.mustNot(m -> m.terms(t -> t.field(ID).terms(v -> v.value(ids))));
                    }
                    return b;
                }))
                .size(size).sort(ascending()).trackTotalHits(t -> t.enabled(false)))));
        return decode(hits);
    }

    private static List<LogRecord> decode(RawSearch.Hits hits) {
        List<LogRecord> records = new ArrayList<>(hits.sources().size());
        for (Map<String, Object> source : hits.sources()) {
            records.add(EcsCodec.fromDocument(source));
        }
        return records;
    }

    private static SortOptions ascending() {
        return SortOptions.of(o -> o.field(f -> f.field(ID).order(SortOrder.Asc)));
    }

    /** {@code afterId < tapline.id <= toId}, bounds as JSON longs. */
    private static Query range(long afterId, long toId) {
        return Query.of(q -> q.range(r -> r.untyped(u -> u.field(ID)
                .gt(JsonData.of(afterId)).lte(JsonData.of(toId)))));
    }
}
