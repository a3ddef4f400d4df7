package io.tapline.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.schema.Body;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.schema.Source;
import io.tapline.store.filter.LogFilter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every component of {@link LogFilter} and every page order, checked against the same records filtered in Java. */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogFilterSearchIT {
    private static final Set<String> PROJECTS = Set.of("filt_a", "filt_b", "filt_c");
    private static final long START = 1_709_251_200_000L; // 2024-03-01T00:00:00Z
    private static final Comparator<LogRecord> NEWEST_FIRST =
            Comparator.comparingLong(LogRecord::tsMs).thenComparingLong(LogRecord::id).reversed();

    private ElasticsearchConnection connection;
    private ElasticsearchStore store;
    private List<LogRecord> stored;

    @BeforeAll
    void load(URI es) {
        ObjectMapper mapper = new ObjectMapper();
        connection = ElasticsearchConnection.open(StoreConfig.of(es), mapper);
        new SchemaInstaller(connection, mapper, "30d").install();
        store = new ElasticsearchStore(connection);
        stored = TestRecords.generate(3_000, START, 37_000, "filt_a", "filt_b", "filt_c").stream()
                .map(r -> r.id() % 97 == 0
                        ? r.toBuilder().message("disk quota exceeded on volume " + r.id()).build()
                        : r)
                .toList();
        BulkResult result = new BulkIndexer(connection, mapper).index(stored);
        assertThat(result.rejected()).isEmpty();
        store.refresh();
    }

    @AfterAll
    void close() {
        connection.close();
    }

    private LogFilter.Builder scoped() {
        return LogFilter.builder().projectIds(PROJECTS);
    }

    private void assertNewestFirst(LogFilter filter, Predicate<LogRecord> expected) {
        List<LogRecord> want = stored.stream().filter(expected).sorted(NEWEST_FIRST).toList();
        LogPage page = store.search(LogQuery.newestFirst(filter, 1000, 0));
        assertThat(page.total()).isEqualTo(want.size());
        assertThat(page.records()).isEqualTo(want.subList(0, Math.min(1000, want.size())));
    }

    @Test
    void eachExactFilterSelectsExactlyTheRecordsWithThatValue() {
        assertNewestFirst(scoped().projectIds(Set.of("filt_b")).build(), r -> r.projectId().equals("filt_b"));
        assertNewestFirst(scoped().containerId("cnt_3").build(), r -> "cnt_3".equals(r.containerId()));
        assertNewestFirst(scoped().serviceName("svc-1").build(), r -> "svc-1".equals(r.serviceName()));
        assertNewestFirst(scoped().kind(Kind.EVENT).build(), r -> r.kind() == Kind.EVENT);
        assertNewestFirst(scoped().method("POST").build(), r -> "POST".equals(r.method()));
        assertNewestFirst(scoped().source(Source.EDGE).build(), r -> r.source() == Source.EDGE);
        assertNewestFirst(scoped().levels(EnumSet.of(Level.WARN, Level.ERROR)).build(),
                r -> r.level() == Level.WARN || r.level() == Level.ERROR);
    }

    @Test
    void filtersCombineWithAnd() {
        assertNewestFirst(scoped().projectIds(Set.of("filt_a")).kind(Kind.REQUEST).method("GET").source(Source.BACKEND)
                        .levels(EnumSet.of(Level.DEBUG, Level.INFO)).build(),
                r -> r.projectId().equals("filt_a") && r.kind() == Kind.REQUEST && "GET".equals(r.method())
                        && r.source() == Source.BACKEND && r.level().compareTo(Level.INFO) <= 0);
    }

    @Test
    void timeRangeIncludesItsStartAndExcludesItsEnd() {
        long from = stored.get(100).tsMs();
        long to = stored.get(200).tsMs();
        assertNewestFirst(scoped().fromMs(from).toMs(to).build(), r -> r.tsMs() >= from && r.tsMs() < to);
        assertNewestFirst(scoped().fromMs(from).build(), r -> r.tsMs() >= from);
        assertNewestFirst(scoped().toMs(to).build(), r -> r.tsMs() < to);
        assertThat(store.search(LogQuery.newestFirst(scoped().fromMs(to).toMs(to).build(), 10, 0)).total()).isZero();
    }

    @Test
    void fullTextFindsWordsInTheUrlTheMessageAndTheBodies() {
        // every event's message says "upstream timed out after <i> ms"
        assertNewestFirst(scoped().text("timed out").build(),
                r -> r.message() != null && r.message().contains("timed out"));
        assertNewestFirst(scoped().text("quota").build(), r -> r.message() != null && r.message().contains("quota"));
        // the URL's words: /v1/items/<i>?page=<n>
        assertNewestFirst(scoped().text("items 1234").build(), r -> r.url().startsWith("/v1/items/1234?"));
        // every word must occur, each in any of the fields: "ok" in a response body ("ok <i>"), "page" in the URL
        assertNewestFirst(scoped().text("ok page").build(), r -> r.responseBody() != null);
        assertNewestFirst(scoped().text("1230").build(), r -> r.url().startsWith("/v1/items/1230?"));
        // request bodies are {"n":<i>} on every tenth record
        assertNewestFirst(scoped().text("n 2340").build(), r -> r.url().startsWith("/v1/items/2340?"));
    }

    @Test
    void fullTextNeverParsesQuerySyntax() {
        for (String hostile : List.of("*", "\"", "a OR b", "project_id:filt_a", "(", "\\", "}{\"match_all\":{}}",
                "items AND NOT x", "/.*/", "~1", "+-&&||!(){}[]^\"~*?:\\/", "\u0000\u202e", "%", "a".repeat(400))) {
            LogPage page = store.search(LogQuery.newestFirst(scoped().text(hostile).build(), 10, 0));
            assertThat(page.records()).as(hostile).allSatisfy(r -> assertThat(PROJECTS).contains(r.projectId()));
        }
        // "*" is a word here, not a wildcard: nothing has it
        assertThat(store.search(LogQuery.newestFirst(scoped().text("*").build(), 10, 0)).total()).isZero();
    }

    @Test
    void idBoundsAndOrdersServeTheRowCursor() {
        List<LogRecord> byId = stored.stream().sorted(Comparator.comparingLong(LogRecord::id)).toList();
        long after = byId.get(500).id();
        long before = byId.get(900).id();
        LogPage asc = store.search(new LogQuery(scoped().build(), LogQuery.Order.ID_ASCENDING, 100, 0, after, before));
        assertThat(asc.records()).isEqualTo(byId.subList(501, 601));
        assertThat(asc.total()).isEqualTo(399);
        LogPage desc = store.search(new LogQuery(scoped().build(), LogQuery.Order.ID_DESCENDING, 5, 0, null, before));
        assertThat(desc.records()).isEqualTo(List.of(byId.get(899), byId.get(898), byId.get(897), byId.get(896), byId.get(895)));
    }

    @Test
    void aFilterThatCanMatchNothingReturnsNothing() {
        assertThat(store.search(LogQuery.newestFirst(scoped().levels(Set.of()).build(), 10, 0)).total()).isZero();
        assertThat(store.search(LogQuery.newestFirst(LogFilter.builder().projectIds(Set.of()).build(), 10, 0)).total()).isZero();
    }

    @Test
    void aSnapshotIsReadPageByPageNewestFirstWithoutLaterWrites() {
        LogFilter filter = LogFilter.builder().projectIds(Set.of("filt_c", "filt_late")).build();
        List<LogRecord> want = stored.stream().filter(r -> r.projectId().equals("filt_c")).sorted(NEWEST_FIRST).toList();
        var snapshot = store.openSnapshot(java.time.Duration.ofSeconds(30));
        // written after the snapshot opened, matching its filter: must not appear in it
        io.tapline.schema.IdGenerator ids = new io.tapline.schema.IdGenerator(7);
        BulkResult late = new BulkIndexer(connection, new ObjectMapper()).index(
                TestRecords.generate(5, START + 1, 1, "filt_late").stream().map(r -> r.toBuilder().id(ids.nextId()).build()).toList());
        assertThat(late.indexed()).isEqualTo(5);
        store.refresh();
        assertThat(store.search(LogQuery.newestFirst(LogFilter.builder().projectIds(Set.of("filt_late")).build(), 10, 0)).total())
                .isEqualTo(5);
        List<LogRecord> seen = new java.util.ArrayList<>();
        List<Long> after = null;
        while (true) {
            var page = store.readSnapshot(snapshot, filter, after, 77);
            assertThat(page.total()).isEqualTo(want.size());
            if (page.records().isEmpty()) {
                break;
            }
            seen.addAll(page.records());
            snapshot = page.snapshot();
            after = page.last();
        }
        store.closeSnapshot(snapshot);
        assertThat(seen).isEqualTo(want);
    }

    @Test
    void readingAClosedSnapshotReportsItExpired() {
        var snapshot = store.openSnapshot(java.time.Duration.ofSeconds(30));
        var first = store.readSnapshot(snapshot, scoped().build(), null, 10);
        store.closeSnapshot(first.snapshot());
        var at = first.snapshot();
        assertThatThrownBy(() -> store.readSnapshot(at, scoped().build(), first.last(), 10))
                .isInstanceOf(io.tapline.store.snapshot.SnapshotExpiredException.class);
    }
}
