package io.tapline.store;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.tapline.schema.ApiEntryTranscoder;
import io.tapline.schema.EcsCodec;
import io.tapline.schema.IndexNames;
import io.tapline.schema.LogRecord;
import io.tapline.store.filter.FilterQueries;
import io.tapline.store.filter.LogFilter;
import io.tapline.store.snapshot.Snapshot;
import io.tapline.store.snapshot.SnapshotPage;
import org.elasticsearch.client.Response;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@link SearchStore} over Elasticsearch's daily Tapline indices. Offset pages are sorted newest first by
 * {@code @timestamp} then {@code tapline.id}; offsets past the 10,000-hit window are reached by walking
 * {@code search_after} over sort values only, so deep pages cost a few light requests instead of failing.
 * Snapshots are points in time (part of Elasticsearch's server core, so they work without x-pack).
 */
public final class ElasticsearchStore implements SearchStore, EntrySearch {
    /** Elasticsearch's default {@code index.max_result_window}. */
    static final int RESULT_WINDOW = 10_000;

    private final ElasticsearchClient client;
    private final RawSearch raw;
    private final PointInTimes pointsInTime;

    public ElasticsearchStore(ElasticsearchConnection connection) {
        this.client = connection.client();
        this.raw = new RawSearch(connection);
        this.pointsInTime = new PointInTimes(client);
    }

    @Override
    public LogPage search(LogQuery query) {
        Response answer = SearchCalls.withRetries(() -> send(query));
        RawSearch.Hits hits = SearchCalls.once(() -> raw.read(answer, null));
        List<LogRecord> records = new ArrayList<>(hits.sources().size());
        for (Map<String, Object> source : hits.sources()) {
            records.add(EcsCodec.fromDocument(source));
        }
        return new LogPage(records, Math.max(hits.total(), records.size()));
    }

    @Override
    public EntryPage searchEntries(LogQuery query, HitConsumer consumer) {
        // Transcoded while it arrives: the page's first entries are on their way before Elasticsearch's last byte.
        RawSearch.Answer answer = SearchCalls.withRetries(() -> send(query, raw::start));
        ApiEntryTranscoder transcoder = new ApiEntryTranscoder();
        long[] last = new long[1];
        RawSearch.Hits hits = SearchCalls.once(() -> raw.readDocuments(answer, new AnswerScanner.DocumentReader() {
            @Override
            public int readWithin(byte[] bytes, int start, int available) throws IOException {
                int end = transcoder.readWithin(bytes, start, available);
                if (end > start) {
                    last[0] = transcoder.id();
                    consumer.accept(transcoder);
                }
                return end;
            }

            @Override
            public void read(byte[] bytes, int start, int end) throws IOException {
                transcoder.read(bytes, start, end);
                last[0] = transcoder.id();
                consumer.accept(transcoder);
            }
        }));
        return new EntryPage(hits.count(), Math.max(hits.total(), hits.count()), hits.count() == 0 ? null : last[0]);
    }

    /** A way of sending the page's search. */
    private interface Sender<T> {
        T send(SearchRequest search) throws IOException;
    }

    /** Sends the page's search (walking deep offsets first) and returns the answer unparsed. */
    private Response send(LogQuery query) throws IOException {
        return send(query, raw::send);
    }

    private <T> T send(LogQuery query, Sender<T> sender) throws IOException {
        List<Query> bounds = query.afterId() == null && query.beforeId() == null ? List.of()
                : List.of(FilterQueries.idRange(query.afterId(), query.beforeId()));
        Query filter = FilterQueries.toQuery(query.filter(), bounds);
        List<SortOptions> sort = sortOf(query.order());
        List<FieldValue> after = null;
        int from = query.offset();
        boolean pastTheEnd = false;
        if (from + query.limit() > RESULT_WINDOW) {
            after = skipTo(filter, sort, from);
            pastTheEnd = after == null;
            from = 0;
        }
        List<FieldValue> searchAfter = after;
        int skip = from;
        int size = pastTheEnd ? 0 : query.limit();
        return sender.send(SearchRequest.of(s -> {
            s.query(filter).trackTotalHits(t -> t.enabled(true)).size(size).sort(sort);
            if (searchAfter != null) {
                s.searchAfter(searchAfter);
            } else {
                s.from(skip);
            }
            return s;
        }));
    }

    /**
     * Walks {@code search_after} over sort values only, returning the sort values of hit number {@code skip},
     * or null when fewer than {@code skip} records match (the page is then empty).
     */
    private List<FieldValue> skipTo(Query filter, List<SortOptions> sort, int skip) throws IOException {
        List<FieldValue> after = null;
        int remaining = skip;
        while (remaining > 0) {
            int step = Math.min(remaining, RESULT_WINDOW);
            List<FieldValue> from = after;
            RawSearch.Hits hits = raw.searchSortOnly(SearchRequest.of(s -> {
                s.query(filter).source(src -> src.fetch(false)).trackTotalHits(t -> t.enabled(false))
                        .size(step).sort(sort);
                if (from != null) {
                    s.searchAfter(from);
                }
                return s;
            }));
            if (hits.count() < step) {
                return null;
            }
            after = hits.lastSort().stream().map(FieldValue::of).toList();
            remaining -= hits.count();
        }
        return after;
    }

    static List<SortOptions> sortOf(LogQuery.Order order) {
        return switch (order) {
            case NEWEST_FIRST -> List.of(sort(FilterQueries.TIMESTAMP, SortOrder.Desc), sort(FilterQueries.ID, SortOrder.Desc));
            case ID_DESCENDING -> List.of(sort(FilterQueries.ID, SortOrder.Desc));
            case ID_ASCENDING -> List.of(sort(FilterQueries.ID, SortOrder.Asc));
        };
    }

    private static SortOptions sort(String field, SortOrder order) {
        return SortOptions.of(o -> o.field(f -> f.field(field).order(order)));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static List<LogRecord> decode(List<Hit<Map>> hits) {
        List<LogRecord> records = new ArrayList<>(hits.size());
        for (Hit<Map> hit : hits) {
            records.add(EcsCodec.fromDocument((Map<String, Object>) hit.source()));
        }
        return records;
    }

    @Override
    public Snapshot openSnapshot(Duration keepAlive) {
        return SearchCalls.withRetries(() -> pointsInTime.open(keepAlive));
    }

    @Override
    public SnapshotPage readSnapshot(Snapshot snapshot, LogFilter filter, List<Long> after, int size) {
        // No retry on a point in time: 503s come from shards starting, and a snapshot has none that start later.
        return SearchCalls.once(() -> pointsInTime.read(snapshot, filter, after, size));
    }

    @Override
    public void closeSnapshot(Snapshot snapshot) {
        pointsInTime.close(snapshot);
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
}
