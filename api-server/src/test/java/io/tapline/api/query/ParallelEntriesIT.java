package io.tapline.api.query;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.api.LiveApi;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.schema.IndexNames;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.schema.Timestamps;
import io.tapline.store.BulkIndexer;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.ElasticsearchStore;
import io.tapline.store.EntrySearch;
import io.tapline.store.LogQuery;
import io.tapline.store.filter.LogFilter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * {@link ParallelEntries} against the sequential transcoder ({@link EntrySearch#searchEntries}, what pages were
 * before) over real pages of the embedded node: the same bytes and figures for every page size around the chunk
 * boundaries, out-of-scope hits, bodies on and off; and a document that is no record, met on a helper thread, thrown
 * on the worker as the sequential transcoder throws it, after the same entries.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParallelEntriesIT {
    private static final long DAY = 1_739_836_800_000L; // 2025-02-18T00:00:00Z
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BAD_PROJECT = "ptrans-bad";
    private static final String MARKER_PROJECT = "ptrans-marker";
    private static final long BAD_ID = 7_299_000_001L;
    /** The bad document sorts between hits 36 and 37 newest first: the second hit of chunk 9 with chunks of 4. */
    private static final long BAD_TS = DAY + 3_600_000L - 36 * 1_000L - 500L;

    private URI es;
    private ElasticsearchConnection connection;
    private ElasticsearchStore store;
    private QueryDataset data;
    private TranscodePool pool;

    @BeforeAll
    void start(URI es) throws Exception {
        this.es = es;
        connection = LiveApi.connect(es);
        data = QueryDataset.generate("ptrans", DAY, 1_500, 917).index(connection);
        List<LogRecord> records = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            // hit 36 newest first is the marker's: the one in-scope check of the failing chunk before its failure
            records.add(LogRecord.builder().id(7_200_000_000L + i).tsMs(DAY + 3_600_000L - i * 1_000L)
                    .kind(Kind.REQUEST).level(Level.INFO).projectId(i == 36 ? MARKER_PROJECT : BAD_PROJECT)
                    .method("GET").url("/v1/bad/" + i).message("entry " + i).build());
        }
        assertThat(new BulkIndexer(connection, MAPPER).index(records).rejected()).isEmpty();
        storeBadDocument();
        store = new ElasticsearchStore(connection);
        store.refresh();
        pool = new TranscodePool(1);
    }

    @AfterAll
    void stop() throws Exception {
        pool.close();
        connection.close();
        // the node is shared with other tests, whose pages must not meet the bad document
        HttpResponse<String> deleted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        es.resolve("/" + IndexNames.dailyIndex(BAD_TS) + "/_doc/" + BAD_ID + "?refresh=true"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    }

    @Test
    void everyPageIsTheSequentialTranscodersBytes() throws Exception {
        LogFilter window = LogFilter.builder().fromMs(DAY).toMs(DAY + 86_400_000L).build();
        List<LogFilter> filters = List.of(
                window.withProjects(Set.copyOf(data.projects())),
                LogFilter.builder().fromMs(DAY).toMs(DAY + 86_400_000L).levels(Set.of(Level.ERROR))
                        .projectIds(Set.copyOf(data.projects())).build(),
                LogFilter.builder().fromMs(DAY).toMs(DAY + 86_400_000L).text("quota")
                        .projectIds(Set.copyOf(data.projects())).build());
        int[] sizes = {1, 2, 3, 15, 16, 17, 31, 32, 33, 200, 1000};
        int pages = 0;
        for (LogFilter filter : filters) {
            long total = store.searchEntries(LogQuery.newestFirst(filter, 1, 0), hit -> { }).total();
            for (int size : sizes) {
                if (size > total) {
                    continue;
                }
                for (int chunk : new int[]{ParallelEntries.CHUNK, 3}) {
                    int variant = pages++;
                    boolean requestBody = (variant & 1) != 0;
                    boolean responseBody = (variant & 2) != 0;
                    // every other page leaves project b out of scope, as a tenant's scope check drops its hits
                    Predicate<String> inScope = (variant & 4) != 0 ? p -> !data.project('b').equals(p) : p -> true;
                    LogQuery offsetPage = LogQuery.newestFirst(filter, 1000, (int) total - size);
                    assertSameAsSequential(offsetPage, inScope, requestBody, responseBody, chunk, size);
                }
            }
        }
        // afterId pages (ascending ids): a page of 1000, one that ends at the chunk boundary, the last few
        LogFilter all = window.withProjects(Set.copyOf(data.projects()));
        long firstId = data.records().stream().mapToLong(LogRecord::id).min().orElseThrow();
        assertSameAsSequential(new LogQuery(all, LogQuery.Order.ID_ASCENDING, 1000, 0, firstId - 1, null),
                p -> true, true, true, ParallelEntries.CHUNK, 1000);
        assertSameAsSequential(new LogQuery(all, LogQuery.Order.ID_ASCENDING, 32, 0, firstId - 1, null),
                p -> !data.project('a').equals(p), false, true, ParallelEntries.CHUNK, 32);
        assertThat(pages).isGreaterThan(50);
    }

    @Test
    void aFailureOnAHelperIsThrownOnTheWorkerAfterTheSameEntries() throws Exception {
        LogQuery query = LogQuery.newestFirst(LogFilter.builder().projectIds(Set.of(BAD_PROJECT, MARKER_PROJECT))
                .fromMs(DAY).toMs(DAY + 86_400_000L).build(), 300, 0);
        ByteArrayOutputStream sequentialBytes = new ByteArrayOutputStream();
        Throwable sequential;
        try (JsonGenerator gen = start(sequentialBytes)) {
            sequential = catchThrowable(() -> store.searchEntries(query, hit -> {
                if (hit.projectId() != null) {
                    hit.write(gen, false, false);
                }
            }));
            gen.flush();
        }
        assertThat(sequential).isInstanceOf(IllegalArgumentException.class);
        String written = sequentialBytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(written).contains("\"entry 36\"").doesNotContain("\"entry 37\"");

        // The helper takes chunks as the scan cuts them, the worker only once it is done: which thread meets the
        // failing chunk is up to the scheduler, so the page is asked for until a helper met it.
        boolean metOnHelper = false;
        for (int attempt = 0; attempt < 100 && !metOnHelper; attempt++) {
            ConcurrentLinkedQueue<String> markerThreads = new ConcurrentLinkedQueue<>();
            Predicate<String> inScope = p -> {
                if (MARKER_PROJECT.equals(p)) {
                    markerThreads.add(Thread.currentThread().getName());
                }
                return true;
            };
            ByteArrayOutputStream parallelBytes = new ByteArrayOutputStream();
            Throwable parallel = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                try (JsonGenerator gen = start(parallelBytes)) {
                    ParallelEntries entries = new ParallelEntries(gen, parallelBytes, MAPPER, inScope, false, false,
                            pool, 4);
                    Throwable thrown = catchThrowable(() -> {
                        try {
                            entries.finish(store.searchDocuments(query, entries));
                        } finally {
                            entries.abandon();
                        }
                    });
                    gen.flush();
                    return thrown;
                }
            });
            assertThat(parallel).isInstanceOf(sequential.getClass()).hasMessage(sequential.getMessage());
            assertThat(parallelBytes.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(written);
            metOnHelper = markerThreads.stream().anyMatch(name -> name.startsWith("tapline-transcode-"));
        }
        assertThat(metOnHelper).as("the failing chunk was transcoded on a helper in one of the attempts").isTrue();
    }

    @Test
    void aHelperThatStallsMidChunkDoesNotHoldThePageUp() throws Exception {
        LogQuery query = LogQuery.newestFirst(LogFilter.builder().projectIds(Set.copyOf(data.projects()))
                .fromMs(DAY).toMs(DAY + 86_400_000L).build(), 200, 0);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (JsonGenerator gen = start(expected)) {
            end(gen, store.searchEntries(query, hit -> hit.write(gen, true, true)));
        }
        // The first chunk a helper takes blocks it (as a helper that lost its core) until the page is done: the
        // worker must take that chunk back and finish the page without it.
        boolean stalled = false;
        for (int attempt = 0; attempt < 50 && !stalled; attempt++) {
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.atomic.AtomicBoolean blocked = new java.util.concurrent.atomic.AtomicBoolean();
            Predicate<String> inScope = p -> {
                boolean helper = Thread.currentThread().getName().startsWith("tapline-transcode-");
                if (helper && blocked.compareAndSet(false, true)) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return true;
            };
            ByteArrayOutputStream actual = new ByteArrayOutputStream();
            try {
                assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                    try (JsonGenerator gen = start(actual)) {
                        ParallelEntries entries = new ParallelEntries(gen, actual, MAPPER, inScope, true, true, pool,
                                ParallelEntries.CHUNK);
                        try {
                            end(gen, entries.finish(store.searchDocuments(query, entries)));
                        } finally {
                            entries.abandon();
                        }
                    }
                });
            } finally {
                release.countDown();
            }
            assertThat(actual.toString(java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(expected.toString(java.nio.charset.StandardCharsets.UTF_8));
            stalled = blocked.get();
            Thread.sleep(20); // the released helper finishes its chunk and goes back to the pool
        }
        assertThat(stalled).as("a helper took a chunk and stalled in one of the attempts").isTrue();
    }

    private void assertSameAsSequential(LogQuery query, Predicate<String> inScope, boolean requestBody,
                                        boolean responseBody, int chunk, int expectedHits) throws Exception {
        String what = query + " bodies " + requestBody + "/" + responseBody + " chunk " + chunk;
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        EntrySearch.EntryPage expectedPage;
        try (JsonGenerator gen = start(expected)) {
            expectedPage = store.searchEntries(query, hit -> {
                if (inScope.test(hit.projectId())) {
                    hit.write(gen, requestBody, responseBody);
                }
            });
            end(gen, expectedPage);
        }
        assertThat(expectedPage.count()).as(what).isEqualTo(expectedHits);
        // a page only goes parallel when a helper is free at its first hit: asked again until one was
        for (int attempt = 0; ; attempt++) {
            ByteArrayOutputStream actual = new ByteArrayOutputStream();
            ParallelEntries entries;
            EntrySearch.EntryPage page;
            try (JsonGenerator gen = start(actual)) {
                entries = new ParallelEntries(gen, actual, MAPPER, inScope, requestBody, responseBody, pool, chunk);
                try {
                    page = entries.finish(store.searchDocuments(query, entries));
                } finally {
                    entries.abandon();
                }
                end(gen, page);
            }
            assertThat(page).as(what).isEqualTo(expectedPage);
            assertThat(actual.toString(java.nio.charset.StandardCharsets.UTF_8)).as(what)
                    .isEqualTo(expected.toString(java.nio.charset.StandardCharsets.UTF_8));
            if (entries.ranParallel()) {
                return;
            }
            assertThat(attempt).as(what + ": never found the helper free").isLessThan(50);
            Thread.sleep(5);
        }
    }

    private static JsonGenerator start(ByteArrayOutputStream out) throws java.io.IOException {
        JsonGenerator gen = MAPPER.createGenerator(out);
        gen.writeStartObject();
        gen.writeFieldName("entries");
        gen.writeStartArray();
        return gen;
    }

    private static void end(JsonGenerator gen, EntrySearch.EntryPage page) throws java.io.IOException {
        gen.writeEndArray();
        gen.writeNumberField("total", page.total());
        gen.writeEndObject();
    }

    private void storeBadDocument() throws Exception {
        String document = "{\"tapline\":{\"id\":" + BAD_ID + ",\"kind\":\"not-a-kind\",\"project_id\":\"" + BAD_PROJECT
                + "\"},\"@timestamp\":\"" + Timestamps.iso(BAD_TS) + "\",\"log\":{\"level\":\"info\"}}";
        HttpResponse<String> stored = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        es.resolve("/" + IndexNames.dailyIndex(BAD_TS) + "/_doc/" + BAD_ID))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(document)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).as(stored.body()).isIn(200, 201);
    }
}
