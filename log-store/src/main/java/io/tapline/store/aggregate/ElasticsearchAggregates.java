package io.tapline.store.aggregate;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.FieldDateMath;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.aggregations.TermsAggregation;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.util.NamedValue;
import io.tapline.schema.IndexNames;
import io.tapline.schema.RecordFields;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.SearchCalls;
import io.tapline.store.filter.FilterQueries;
import io.tapline.store.filter.LogFilter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@link AggregateStore} over the daily Tapline indices: one size-0 search per call, with the exact total
 * ({@code track_total_hits}) and {@code terms} / {@code date_histogram} aggregations over the same filter query
 * the record search uses. Everything it needs is in Elasticsearch's server core (no x-pack aggregations).
 */
public final class ElasticsearchAggregates implements AggregateStore {

    /** Levels are a handful of values; room for unexpected ones, which then show up rather than vanish. */
    static final int LEVEL_BUCKETS = 16;
    /** A container or service normally belongs to one project; this bounds a misconfigured one. */
    static final int PROJECTS_PER_ITEM = 10;

    private static final String LEVEL = RecordFields.LEVEL.ecsPath();
    private static final String PROJECT = RecordFields.PROJECT_ID.ecsPath();
    private static final String CONTAINER = RecordFields.CONTAINER_ID.ecsPath();
    private static final String SERVICE = RecordFields.SERVICE_NAME.ecsPath();

    private final ElasticsearchClient client;

    public ElasticsearchAggregates(ElasticsearchConnection connection) {
        this.client = connection.client();
    }

    @Override
    public LogStats stats(LogFilter filter, int top) {
        requirePositive(top, "top");
        SearchResponse<Void> response = search(FilterQueries.toQuery(filter), Map.of(
                "levels", terms(LEVEL, LEVEL_BUCKETS),
                "projects", terms(PROJECT, top),
                "containers", terms(CONTAINER, top),
                "services", terms(SERVICE, top)));
        long total = total(response);
        Map<String, Aggregate> aggs = response.aggregations();
        return new LogStats(total, counts(aggs.get("levels"), total), counts(aggs.get("projects"), total),
                counts(aggs.get("containers"), total), counts(aggs.get("services"), total));
    }

    @Override
    public Histogram histogram(LogFilter filter, TimeGrid grid) {
        LogFilter ranged = new LogFilter(filter.projectIds(), filter.containerId(), filter.serviceName(),
                filter.levels(), filter.kind(), filter.method(), filter.source(), filter.text(), grid.fromMs(),
                grid.toMs());
        Aggregation perBucket = Aggregation.of(a -> a
                .dateHistogram(d -> d.field(FilterQueries.TIMESTAMP)
                        .fixedInterval(t -> t.time(grid.intervalMs() + "ms"))
                        .format("epoch_millis")
                        .minDocCount(0)
                        .extendedBounds(b -> b.min(epochMs(grid.firstBucketMs())).max(epochMs(grid.lastBucketMs()))))
                .aggregations("levels", terms(LEVEL, LEVEL_BUCKETS)));
        SearchResponse<Void> response = search(FilterQueries.toQuery(ranged), Map.of("histogram", perBucket));
        Map<Long, HistogramBucket> found = new TreeMap<>();
        Aggregate histogram = response.aggregations().get("histogram");
        if (histogram != null) {
            for (DateHistogramBucket b : histogram.dateHistogram().buckets().array()) {
                found.put(b.key(), new HistogramBucket(b.key(), b.docCount(),
                        counts(b.aggregations().get("levels"), b.docCount()).top()));
            }
        }
        // Built from the grid, not from the answer: an answer over no index at all has no buckets to fill.
        List<HistogramBucket> buckets = new ArrayList<>((int) Math.min(grid.bucketCount(), 100_000));
        for (long start = grid.firstBucketMs(); start <= grid.lastBucketMs(); start += grid.intervalMs()) {
            buckets.add(found.getOrDefault(start, new HistogramBucket(start, 0, Map.of())));
        }
        return new Histogram(grid, total(response), buckets);
    }

    @Override
    public Inventory inventory(Dimension dimension, LogFilter filter, int limit) {
        requirePositive(limit, "limit");
        Aggregation items = Aggregation.of(a -> a
                .terms(t -> termsOf(t, dimension.field(), limit))
                .aggregations("last_seen", s -> s.max(m -> m.field(FilterQueries.TIMESTAMP)))
                .aggregations("projects", p -> p.terms(t -> t.field(PROJECT).size(PROJECTS_PER_ITEM)
                        .order(NamedValue.of("_key", SortOrder.Asc)))));
        SearchResponse<Void> response = search(FilterQueries.toQuery(filter), Map.of("items", items));
        long total = total(response);
        List<InventoryItem> listed = new ArrayList<>();
        long counted = 0;
        for (StringTermsBucket b : buckets(response.aggregations().get("items"))) {
            List<String> projects = buckets(b.aggregations().get("projects")).stream()
                    .map(p -> p.key().stringValue()).sorted().toList();
            long lastSeen = (long) b.aggregations().get("last_seen").max().value();
            listed.add(new InventoryItem(b.key().stringValue(), b.docCount(), lastSeen, projects));
            counted += b.docCount();
        }
        return new Inventory(total, listed, Math.max(0, total - counted));
    }

    private SearchResponse<Void> search(Query query, Map<String, Aggregation> aggregations) {
        SearchRequest request = SearchRequest.of(s -> s.index(IndexNames.PATTERN).ignoreUnavailable(true)
                .allowNoIndices(true).query(query).size(0).trackTotalHits(t -> t.enabled(true))
                .aggregations(aggregations));
        return SearchCalls.withRetries(() -> client.search(request, Void.class));
    }

    private static Aggregation terms(String field, int size) {
        return Aggregation.of(a -> a.terms(t -> termsOf(t, field, size)));
    }

    /**
     * Most records first, ties by value, so that equal inputs give equal answers. Each shard ranks more values
     * than are returned ({@code 3 * size + 10}), which keeps the listed counts exact unless a value near the cut
     * is rare on some daily index and frequent on others.
     */
    private static TermsAggregation.Builder termsOf(TermsAggregation.Builder t, String field, int size) {
        return t.field(field).size(size).shardSize(Math.min(10_000, size * 3 + 10))
                .order(NamedValue.of("_count", SortOrder.Desc), NamedValue.of("_key", SortOrder.Asc));
    }

    /** Listed values plus the rest of {@code total}: values past the bound and records without the field. */
    private static Counts counts(Aggregate aggregate, long total) {
        Map<String, Long> top = new LinkedHashMap<>();
        long listed = 0;
        for (StringTermsBucket b : buckets(aggregate)) {
            top.put(b.key().stringValue(), b.docCount());
            listed += b.docCount();
        }
        return new Counts(top, Math.max(0, total - listed));
    }

    /** The buckets of a terms aggregation; none when it is absent (a search over no index at all). */
    private static List<StringTermsBucket> buckets(Aggregate aggregate) {
        if (aggregate == null || !aggregate.isSterms()) {
            return List.of();
        }
        return aggregate.sterms().buckets().array();
    }

    private static long total(SearchResponse<Void> response) {
        return response.hits().total() == null ? 0 : response.hits().total().value();
    }

    /** Written as text in the aggregation's {@code epoch_millis} format: a JSON double could round the value. */
    private static FieldDateMath epochMs(long ms) {
        return FieldDateMath.of(f -> f.expr(Long.toString(ms)));
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
