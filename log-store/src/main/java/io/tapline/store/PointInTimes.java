package io.tapline.store;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.ShardFailure;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.tapline.schema.IndexNames;
import io.tapline.schema.LogRecord;
import io.tapline.store.filter.FilterQueries;
import io.tapline.store.filter.LogFilter;
import io.tapline.store.snapshot.Snapshot;
import io.tapline.store.snapshot.SnapshotExpiredException;
import io.tapline.store.snapshot.SnapshotPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Snapshots as Elasticsearch points in time over every daily index. Pages are read newest first with
 * {@code search_after}; Elasticsearch adds its implicit {@code _shard_doc} tie-breaker, so a position is three
 * longs: timestamp, id and shard doc.
 */
final class PointInTimes {

    private static final Logger log = LoggerFactory.getLogger(PointInTimes.class);

    private final ElasticsearchClient client;

    PointInTimes(ElasticsearchClient client) {
        this.client = client;
    }

    Snapshot open(Duration keepAlive) throws IOException {
        String id = client.openPointInTime(o -> o.index(IndexNames.PATTERN).ignoreUnavailable(true)
                .keepAlive(t -> t.time(keepAlive.toMillis() + "ms"))).id();
        return new Snapshot(id, keepAlive);
    }

    @SuppressWarnings("rawtypes")
    SnapshotPage read(Snapshot snapshot, LogFilter filter, List<Long> after, int size) throws IOException {
        if (size < 1 || size > ElasticsearchStore.RESULT_WINDOW) {
            throw new IllegalArgumentException("size must be between 1 and " + ElasticsearchStore.RESULT_WINDOW);
        }
        List<FieldValue> searchAfter = after == null ? null : after.stream().map(FieldValue::of).toList();
        SearchResponse<Map> response = client.search(SearchRequest.of(s -> {
            s.pit(p -> p.id(snapshot.id()).keepAlive(t -> t.time(snapshot.keepAlive().toMillis() + "ms")))
                    // A shard whose context is gone must fail the read, not silently drop its records.
                    .allowPartialSearchResults(false)
                    .query(FilterQueries.toQuery(filter)).trackTotalHits(t -> t.enabled(true)).size(size)
                    .sort(ElasticsearchStore.sortOf(LogQuery.Order.NEWEST_FIRST));
            if (searchAfter != null) {
                s.searchAfter(searchAfter);
            }
            return s;
        }), Map.class);
        if (response.shards().failed().intValue() > 0) {
            throw shardFailure(response.shards().failures());
        }
        List<Hit<Map>> hits = response.hits().hits();
        List<LogRecord> records = ElasticsearchStore.decode(hits);
        List<Long> last = null;
        if (!hits.isEmpty()) {
            last = new ArrayList<>();
            for (FieldValue v : hits.get(hits.size() - 1).sort()) {
                last.add(v.longValue());
            }
        }
        long total = response.hits().total() == null ? records.size() : response.hits().total().value();
        String nextId = response.pitId() == null ? snapshot.id() : response.pitId();
        return new SnapshotPage(records, total, new Snapshot(nextId, snapshot.keepAlive()), last);
    }

    void close(Snapshot snapshot) {
        try {
            client.closePointInTime(c -> c.id(snapshot.id()));
        } catch (IOException | RuntimeException e) {
            // Best effort: an unclosed point in time is reaped when its keep-alive runs out.
            log.debug("closing a point in time failed: {}", e.toString());
        }
    }

    private static RuntimeException shardFailure(List<ShardFailure> failures) {
        for (ShardFailure f : failures) {
            if (SearchCalls.hasCause(f.reason(), "search_context_missing_exception")) {
                return new SnapshotExpiredException("a shard's point-in-time context is gone", null);
            }
        }
        return new StoreUnavailableException("a shard failed while reading a point in time", null);
    }
}
