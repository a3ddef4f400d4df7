package io.tapline.store.aggregate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.schema.IdGenerator;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.store.BulkIndexer;
import io.tapline.store.BulkResult;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.ElasticsearchStore;
import io.tapline.store.SchemaInstaller;
import io.tapline.store.StoreConfig;
import io.tapline.store.filter.LogFilter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every aggregation checked against the same records counted in Java, on the embedded node. */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ElasticsearchAggregatesIT {
    private static final long START = 1_712_016_000_000L; // 2024-04-02T00:00:00Z
    private static final long HOUR = 3_600_000L;
    private static final Set<String> PROJECTS = Set.of("aggs_a", "aggs_b", "aggs_c");

    private ElasticsearchConnection connection;
    private ElasticsearchAggregates aggregates;
    private List<LogRecord> stored;

    @BeforeAll
    void load(URI es) {
        ObjectMapper mapper = new ObjectMapper();
        connection = ElasticsearchConnection.open(StoreConfig.of(es), mapper);
        new SchemaInstaller(connection, mapper, "30d").install();
        stored = records();
        BulkResult result = new BulkIndexer(connection, mapper).index(stored);
        assertThat(result.rejected()).isEmpty();
        new ElasticsearchStore(connection).refresh();
        aggregates = new ElasticsearchAggregates(connection);
    }

    @AfterAll
    void close() {
        connection.close();
    }

    /**
     * 2,000 records over two UTC days (so two daily indices): skewed container and service frequencies so that
     * the top-N order is unambiguous, containers shared across projects, some records without a container.
     */
    private static List<LogRecord> records() {
        IdGenerator ids = new IdGenerator(7);
        String[] projects = {"aggs_a", "aggs_b", "aggs_c"};
        List<LogRecord> out = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            int skew = (i * 7919) % 100; // 0..99, spread evenly
            String container = skew < 40 ? "cnt_big" : skew < 65 ? "cnt_mid" : skew < 80 ? "cnt_small"
                    : skew < 95 ? "cnt_tiny" + (i % 3) : null;
            out.add(LogRecord.builder().id(ids.nextId()).traceId("t" + i)
                    .tsMs(START + i * 77_000L).kind(Kind.values()[i % 3]).level(Level.values()[(i / 3) % 5])
                    .projectId(projects[i % 3]).containerId(container).serviceName("svc-" + (skew % 4))
                    .method(i % 2 == 0 ? "GET" : "POST").url("/v1/agg/" + i).build());
        }
        return out;
    }

    private LogFilter.Builder scoped() {
        return LogFilter.builder().projectIds(PROJECTS);
    }

    private static Map<String, Long> countBy(List<LogRecord> records, Function<LogRecord, String> key) {
        return records.stream().filter(r -> key.apply(r) != null)
                .collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    /** The Java ranking: most records first, ties by value, the first {@code top} of them. */
    private static Map<String, Long> topOf(Map<String, Long> counts, int top) {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(top).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private List<LogRecord> matching(Predicate<LogRecord> p) {
        return stored.stream().filter(p).toList();
    }

    @Test
    void statsCountEveryDimensionExactlyAsTheRecordsSay() {
        LogStats stats = aggregates.stats(scoped().build(), 100);

        assertThat(stats.total()).isEqualTo(stored.size());
        assertThat(stats.byLevel().top()).isEqualTo(topOf(countBy(stored, r -> r.level().wireName()), 100));
        assertThat(stats.byProject().top()).isEqualTo(topOf(countBy(stored, LogRecord::projectId), 100));
        assertThat(stats.byContainer().top()).isEqualTo(topOf(countBy(stored, LogRecord::containerId), 100));
        assertThat(stats.byService().top()).isEqualTo(topOf(countBy(stored, LogRecord::serviceName), 100));
        long withoutContainer = stored.stream().filter(r -> r.containerId() == null).count();
        assertThat(withoutContainer).isPositive();
        assertThat(stats.byContainer().other()).isEqualTo(withoutContainer);
        assertThat(stats.byLevel().other()).isZero();
    }

    @Test
    void statsKeepOnlyTheTopValuesAndCountTheRestAsOtherButAlwaysEveryLevel() {
        LogStats stats = aggregates.stats(scoped().build(), 2);

        assertThat(stats.byContainer().top()).containsExactly(
                Map.entry("cnt_big", countBy(stored, LogRecord::containerId).get("cnt_big")),
                Map.entry("cnt_mid", countBy(stored, LogRecord::containerId).get("cnt_mid")));
        assertThat(stats.byContainer().listed() + stats.byContainer().other()).isEqualTo(stats.total());
        assertThat(stats.byProject().top()).hasSize(2);
        assertThat(stats.byProject().listed() + stats.byProject().other()).isEqualTo(stats.total());
        // levels are a handful of values: never cut
        assertThat(stats.byLevel().top()).hasSize(Level.values().length);
        assertThat(stats.byLevel().other()).isZero();
    }

    @Test
    void statsApplyTheFilterAndTheProjectScope() {
        LogFilter filter = scoped().projectIds(Set.of("aggs_b")).levels(EnumSet.of(Level.ERROR, Level.CRITICAL))
                .method("POST").fromMs(START + 5 * HOUR).toMs(START + 30 * HOUR).build();
        List<LogRecord> want = matching(r -> r.projectId().equals("aggs_b")
                && (r.level() == Level.ERROR || r.level() == Level.CRITICAL) && r.method().equals("POST")
                && r.tsMs() >= START + 5 * HOUR && r.tsMs() < START + 30 * HOUR);
        assertThat(want).isNotEmpty();

        LogStats stats = aggregates.stats(filter, 100);

        assertThat(stats.total()).isEqualTo(want.size());
        assertThat(stats.byProject().top()).containsOnlyKeys("aggs_b");
        assertThat(stats.byContainer().top()).isEqualTo(topOf(countBy(want, LogRecord::containerId), 100));
        assertThat(stats.byLevel().top()).isEqualTo(topOf(countBy(want, r -> r.level().wireName()), 100));
    }

    @Test
    void anEmptyScopeCountsNothing() {
        LogStats stats = aggregates.stats(LogFilter.builder().projectIds(Set.of()).build(), 10);

        assertThat(stats.total()).isZero();
        assertThat(stats.byProject().top()).isEmpty();
        assertThat(stats.byProject().other()).isZero();
    }

    @Test
    void histogramHasEveryBucketOfTheGridWithTheRecordsOfEachSplitByLevel() {
        long from = START + 90 * 60_000L; // 01:30, not on an hour: the first bucket starts at 01:00
        long to = START + 26 * HOUR + 1;   // one millisecond into the 27th hour: its bucket is included
        TimeGrid grid = new TimeGrid(from, to, HOUR);
        LogFilter filter = scoped().kind(Kind.REQUEST).build();

        Histogram histogram = aggregates.histogram(filter, grid);

        assertThat(histogram.buckets()).hasSize(26);
        assertThat(histogram.buckets().get(0).startMs()).isEqualTo(START + HOUR);
        long sum = 0;
        for (HistogramBucket bucket : histogram.buckets()) {
            long start = bucket.startMs();
            List<LogRecord> in = matching(r -> r.kind() == Kind.REQUEST && r.tsMs() >= Math.max(from, start)
                    && r.tsMs() < Math.min(to, start + HOUR));
            assertThat(bucket.count()).as("bucket at %d", start).isEqualTo(in.size());
            assertThat(bucket.byLevel()).isEqualTo(topOf(countBy(in, r -> r.level().wireName()), 100));
            sum += bucket.count();
        }
        assertThat(histogram.total()).isEqualTo(sum);
    }

    @Test
    void histogramOverAnEmptyPeriodStillHasEveryBucket() {
        TimeGrid grid = new TimeGrid(START - 10 * HOUR, START, HOUR);

        Histogram histogram = aggregates.histogram(scoped().build(), grid);

        assertThat(histogram.total()).isZero();
        assertThat(histogram.buckets()).hasSize(10)
                .allSatisfy(b -> assertThat(b.count()).isZero())
                .extracting(HistogramBucket::startMs).isSorted();
    }

    @Test
    void inventoryListsEachContainerWithItsCountLastSeenTimeAndProjects() {
        Inventory inventory = aggregates.inventory(Dimension.CONTAINER, scoped().build(), 100);

        Map<String, Long> counts = countBy(stored, LogRecord::containerId);
        assertThat(inventory.total()).isEqualTo(stored.size());
        assertThat(inventory.items()).extracting(InventoryItem::name)
                .containsExactlyElementsOf(topOf(counts, 100).keySet());
        for (InventoryItem item : inventory.items()) {
            List<LogRecord> of = matching(r -> item.name().equals(r.containerId()));
            assertThat(item.count()).isEqualTo(of.size());
            assertThat(item.lastSeenMs()).isEqualTo(of.stream().mapToLong(LogRecord::tsMs).max().orElseThrow());
            assertThat(item.projectIds()).isEqualTo(of.stream().map(LogRecord::projectId).distinct().sorted().toList());
        }
        assertThat(inventory.other()).isEqualTo(stored.stream().filter(r -> r.containerId() == null).count());
    }

    @Test
    void inventoryIsBoundedAndFiltered() {
        LogFilter filter = scoped().projectIds(Set.of("aggs_c")).build();
        List<LogRecord> want = matching(r -> r.projectId().equals("aggs_c"));

        Inventory inventory = aggregates.inventory(Dimension.SERVICE, filter, 2);

        assertThat(inventory.total()).isEqualTo(want.size());
        Map<String, Long> top = topOf(countBy(want, LogRecord::serviceName), 2);
        assertThat(inventory.items()).extracting(InventoryItem::name).containsExactlyElementsOf(top.keySet());
        assertThat(inventory.items()).allSatisfy(i -> assertThat(i.projectIds()).containsExactly("aggs_c"));
        assertThat(inventory.other()).isEqualTo(want.size() - top.values().stream().mapToLong(Long::longValue).sum());
        assertThat(inventory.items()).extracting(InventoryItem::count).isSortedAccordingTo(Comparator.reverseOrder());
    }
}
