package io.tapline.store.tail;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import io.tapline.schema.EcsCodec;
import io.tapline.schema.IndexNames;
import io.tapline.schema.LogRecord;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.StoreUnavailableException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The two reads a tail follower needs over the daily Tapline indices: the records in a {@code tapline.id} range in
 * ascending id order, and how many records such a range holds (to notice a record that became visible late,
 * behind records already followed). Ids are compared as JSON longs, never as doubles, so that 64-bit ids stay exact.
 */
public final class ElasticsearchTail {

    private final ElasticsearchClient client;

    public ElasticsearchTail(ElasticsearchConnection connection) {
        this.client = connection.client();
    }

    /**
     * Up to {@code size} records with {@code afterId < tapline.id <= toId}, ascending by id.
     *
     * @throws StoreUnavailableException when Elasticsearch does not answer
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public List<LogRecord> between(long afterId, long toId, int size) {
        if (size < 1 || afterId >= toId) {
            return List.of();
        }
        try {
            SearchResponse<Map> response = client.search(s -> s.index(IndexNames.PATTERN).ignoreUnavailable(true)
                    .allowNoIndices(true).query(range(afterId, toId)).size(size).trackTotalHits(t -> t.enabled(false))
                    .sort(o -> o.field(f -> f.field("tapline.id").order(SortOrder.Asc))), Map.class);
            List<LogRecord> records = new ArrayList<>(response.hits().hits().size());
            for (Hit<Map> hit : response.hits().hits()) {
                records.add(EcsCodec.fromDocument((Map<String, Object>) hit.source()));
            }
            return records;
        } catch (IOException e) {
            throw new StoreUnavailableException("Elasticsearch is unreachable: " + e.getMessage(), e);
        } catch (ElasticsearchException e) {
            throw new StoreUnavailableException("Elasticsearch could not answer the tail query: " + e.getMessage(), e);
        }
    }

    /** How many records have {@code afterId < tapline.id <= toId}. */
    public long count(long afterId, long toId) {
        if (afterId >= toId) {
            return 0;
        }
        try {
            return client.count(c -> c.index(IndexNames.PATTERN).ignoreUnavailable(true).allowNoIndices(true)
                    .query(range(afterId, toId))).count();
        } catch (IOException e) {
            throw new StoreUnavailableException("Elasticsearch is unreachable: " + e.getMessage(), e);
        } catch (ElasticsearchException e) {
            throw new StoreUnavailableException("Elasticsearch could not answer the tail count: " + e.getMessage(), e);
        }
    }

    private static Query range(long afterId, long toId) {
        return Query.of(q -> q.bool(b -> b.filter(f -> f.range(r -> r.untyped(u -> u.field("tapline.id")
                .gt(JsonData.of(afterId)).lte(JsonData.of(toId)))))));
    }
}
