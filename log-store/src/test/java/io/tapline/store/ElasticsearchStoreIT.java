package io.tapline.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.schema.IndexNames;
import io.tapline.schema.LogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ElasticsearchStoreIT {
    private static final long DAY_MS = 86_400_000L;
    /** The projects loaded in {@link #load}; other tests' records live in other projects. */
    private static final Set<String> LOADED = Set.of("proj_a", "proj_b", "proj_c");
    private ElasticsearchConnection connection;
    private ElasticsearchStore store;
    private BulkIndexer indexer;
    private List<LogRecord> stored;

    @BeforeAll
    void load(URI es) {
        ObjectMapper mapper = new ObjectMapper();
        connection = ElasticsearchConnection.open(StoreConfig.of(es), mapper);
        new SchemaInstaller(connection, mapper, "30d").install();
        store = new ElasticsearchStore(connection);
        indexer = new BulkIndexer(connection, mapper, RetryPolicy.defaults(), 500, 1 << 20);
        // 12,345 records over three days, so deep offsets and daily indices are both exercised
        long start = 1_718_150_400_000L; // 2024-06-12T00:00:00Z
        stored = TestRecords.generate(12_345, start - DAY_MS, 3 * DAY_MS / 12_345, "proj_a", "proj_b", "proj_c");
        BulkResult result = indexer.index(stored);
        assertThat(result.rejected()).isEmpty();
        assertThat(result.indexed()).isEqualTo(12_345);
        store.refresh();
    }

    @AfterAll
    void close() {
        connection.close();
    }

    @Test
    void recordsGoToDailyIndicesNamedAfterTheirDay() throws Exception {
        var indices = connection.client().cat().indices(c -> c.index(IndexNames.PATTERN)).valueBody().stream()
                .map(i -> i.index()).sorted().toList();
        assertThat(indices).contains("tapline-logs-2024.06.11", "tapline-logs-2024.06.12", "tapline-logs-2024.06.13");
    }

    @Test
    void firstPageIsNewestFirstAndEveryFieldComesBackEqual() {
        LogPage page = store.search(new LogQuery(LOADED, 200, 0));
        assertThat(page.total()).isEqualTo(12_345);
        List<LogRecord> expected = stored.stream()
                .sorted(Comparator.comparingLong(LogRecord::tsMs).thenComparingLong(LogRecord::id).reversed())
                .limit(200).toList();
        assertThat(page.records()).isEqualTo(expected);
    }

    @Test
    void deepOffsetsPastTheTenThousandWindowWork() {
        List<LogRecord> all = stored.stream()
                .sorted(Comparator.comparingLong(LogRecord::tsMs).thenComparingLong(LogRecord::id).reversed()).toList();
        LogPage deep = store.search(new LogQuery(LOADED, 100, 12_000));
        assertThat(deep.records()).isEqualTo(all.subList(12_000, 12_100));
        LogPage straddling = store.search(new LogQuery(LOADED, 300, 9_900));
        assertThat(straddling.records()).isEqualTo(all.subList(9_900, 10_200));
        LogPage past = store.search(new LogQuery(LOADED, 100, 20_000));
        assertThat(past.records()).isEmpty();
        assertThat(past.total()).isEqualTo(12_345);
    }

    @Test
    void projectFilterReturnsOnlyThatProjectWithItsOwnTotal() {
        LogPage page = store.search(new LogQuery(Set.of("proj_b"), 1000, 0));
        long expected = stored.stream().filter(r -> r.projectId().equals("proj_b")).count();
        assertThat(page.total()).isEqualTo(expected);
        assertThat(page.records()).allMatch(r -> r.projectId().equals("proj_b"));
        assertThat(store.search(new LogQuery(Set.of(), 10, 0)).total()).isZero();
        assertThat(store.search(new LogQuery(Set.of("proj_nobody"), 10, 0)).total()).isZero();
    }

    @Test
    void aRecordTheMappingRefusesIsReportedAndCountedWhileTheOthersAreStored() {
        long rejectedBefore = indexer.stats().rejected();
        List<LogRecord> batch = TestRecords.generate(3, 1_700_000_000_000L, 1, "proj_rejects");
        // tapline.enrichment.route is a keyword: an object there is a mapping conflict
        LogRecord bad = batch.get(1).toBuilder().enrichment(Map.of("route", Map.of("not", "a string"))).build();
        BulkResult result = indexer.index(List.of(batch.get(0), bad, batch.get(2)));
        assertThat(result.indexed()).isEqualTo(2);
        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(bad.id());
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.reason()).contains("tapline.enrichment.route");
        });
        assertThat(indexer.stats().rejected() - rejectedBefore).isEqualTo(1);
    }

    @Test
    void theClusterIsAvailable() {
        assertThat(store.isAvailable()).isTrue();
    }
}
