package io.tapline.api.query;

import io.tapline.api.LiveApi;
import io.tapline.api.RunningApi;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.schema.ApiCodec;
import io.tapline.schema.Json;
import io.tapline.schema.LogRecord;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.ElasticsearchStore;
import io.tapline.store.ForwardingSearchStore;
import io.tapline.store.SearchStore;
import io.tapline.store.filter.LogFilter;
import io.tapline.store.snapshot.Snapshot;
import io.tapline.store.snapshot.SnapshotPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code format=ndjson|csv} and {@code Accept: application/x-ndjson}: every match streamed over a point in time,
 * page by page, and the 410 trailer when the snapshot disappears mid-stream.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportStreamIT {
    private static final String LOGS = LogsConformanceIT.LOGS;
    private static final long DAY = 1_738_713_600_000L; // 2025-02-05
    private static final int PAGE = 7;

    private ElasticsearchConnection connection;
    private QueryDataset data;
    private CountingStore store;
    private LiveApi api;

    @BeforeAll
    void start(URI es) {
        connection = LiveApi.connect(es);
        data = QueryDataset.generate("exp", DAY, 300, 905).index(connection);
        store = new CountingStore(new ElasticsearchStore(connection));
        api = LiveApi.start(connection, b -> b.store(store)
                .querySettings(QuerySettings.builder().exportPageSize(PAGE).build()));
    }

    @AfterAll
    void stop() {
        api.close();
        connection.close();
    }

    private HttpResponse<String> get(LiveApi on, String params, String... headers) {
        List<String> all = new ArrayList<>(List.of("X-API-Key", RunningApi.ADMIN_TOKEN));
        all.addAll(List.of(headers));
        return on.admin(LOGS + "?" + data.window() + "&" + params, all.toArray(String[]::new));
    }

    @Test
    void ndjsonStreamsEveryMatchNewestFirstOneEntryPerLinePageByPage() {
        int readsBefore = store.reads.get();
        HttpResponse<String> response = get(api, "format=ndjson&projectId=exp_b&includeResponseBody=true");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson; charset=utf-8");
        List<LogRecord> want = data.newestFirst(r -> r.projectId().equals("exp_b"));
        List<String> expected = want.stream().map(r -> Json.write(ApiCodec.toEntry(r, false, true))).toList();
        assertThat(response.body().lines().toList()).isEqualTo(expected);
        assertThat(response.body()).endsWith("\n");
        // 100 matches in pages of 7: 15 reads, the last one short
        assertThat(store.reads.get() - readsBefore).isEqualTo((want.size() + PAGE) / PAGE);
        assertThat(store.open.get()).isZero();
    }

    @Test
    void acceptApplicationNdjsonAsksForTheSameStream() {
        HttpResponse<String> byHeader = get(api, "projectId=exp_c&kind=event", "Accept", "application/x-ndjson");
        HttpResponse<String> byParameter = get(api, "projectId=exp_c&kind=event&format=ndjson");
        assertThat(byHeader.statusCode()).isEqualTo(200);
        assertThat(byHeader.body()).isEqualTo(byParameter.body()).isNotEmpty();
        assertThat(get(api, "projectId=exp_c&kind=event&format=json", "Accept", "application/x-ndjson").body())
                .startsWith("{\"entries\":[");
    }

    @Test
    void csvHasAHeaderRowAndQuotesAsRfc4180Says() {
        HttpResponse<String> response = get(api, "format=csv&includeRequestBody=true&includeResponseBody=true");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        List<List<String>> rows = Csv.parse(response.body());
        assertThat(rows.get(0)).containsExactly("id", "traceId", "tsMs", "tsIso", "kind", "level", "projectId",
                "containerId", "serviceName", "method", "url", "clientIp", "status", "bytesIn", "bytesOut",
                "durationMs", "userAgent", "source", "action", "message", "requestBody", "responseBody");
        List<LogRecord> want = data.newestFirst(r -> true);
        assertThat(rows).hasSize(want.size() + 1);
        for (int i = 0; i < want.size(); i++) {
            LogRecord r = want.get(i);
            List<String> row = rows.get(i + 1);
            assertThat(row.get(0)).isEqualTo(Long.toString(r.id()));
            assertThat(row.get(4)).isEqualTo(r.kind().wireName());
            assertThat(row.get(10)).isEqualTo(r.url());
            assertThat(row.get(19)).isEqualTo(r.message() == null ? "" : r.message());
            assertThat(row.get(20)).isEqualTo(r.requestBody() == null ? "" : r.requestBody().content());
            assertThat(row.get(21)).isEqualTo(r.responseBody() == null ? "" : r.responseBody().content());
        }
        // bodies with commas, doubled quotes and CRLF inside made it through intact
        assertThat(want).anyMatch(r -> r.requestBody() != null && r.requestBody().content().contains("a, \\\"quoted"));
        assertThat(want).anyMatch(r -> r.responseBody() != null && r.responseBody().content().contains("\r\n"));
        assertThat(response.body()).contains("\r\n");
    }

    @Test
    void aStreamTakesNoPagingParameters() {
        for (String paging : List.of("limit=5", "offset=5", "last=5", "afterId=5", "cursor=")) {
            HttpResponse<String> response = get(api, "format=ndjson&" + paging);
            assertThat(response.statusCode()).as(paging).isEqualTo(400);
            assertThat(response.body()).contains("cannot be combined with " + paging.substring(0, paging.indexOf('=')));
        }
    }

    @Test
    void whenTheSnapshotExpiresMidStreamTheLastLineIsThe410Trailer() {
        SnapshotDroppingStore dropping = new SnapshotDroppingStore(new ElasticsearchStore(connection));
        try (LiveApi expiring = LiveApi.start(connection, b -> b.store(dropping)
                .querySettings(QuerySettings.builder().exportPageSize(PAGE).build()))) {
            HttpResponse<String> response = get(expiring, "format=ndjson&projectId=exp_b");
            assertThat(response.statusCode()).isEqualTo(200);
            List<String> lines = response.body().lines().toList();
            assertThat(lines).hasSize(PAGE + 1);
            assertThat(lines.get(PAGE)).isEqualTo("{\"__trailer\":true,\"error\":\"snapshot_expired\",\"status\":410}");
            List<LogRecord> want = data.newestFirst(r -> r.projectId().equals("exp_b"));
            assertThat(lines.subList(0, PAGE)).isEqualTo(want.subList(0, PAGE).stream()
                    .map(r -> Json.write(ApiCodec.toEntry(r, false, false))).toList());
        }
    }

    @Test
    void whenTheSnapshotExpiresMidCsvTheConnectionIsCutSoThePartialFileCannotPassAsComplete() {
        SnapshotDroppingStore dropping = new SnapshotDroppingStore(new ElasticsearchStore(connection));
        try (LiveApi expiring = LiveApi.start(connection, b -> b.store(dropping)
                .querySettings(QuerySettings.builder().exportPageSize(PAGE).build()))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + expiring.server.adminAddress().getPort() + LOGS + "?format=csv&projectId=exp_b&" + data.window()))
                    .header("X-API-Key", RunningApi.ADMIN_TOKEN).timeout(Duration.ofSeconds(20)).build();
            assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        }
    }

    /** Counts snapshot reads and open snapshots of a real store. */
    static final class CountingStore extends ForwardingSearchStore {
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger open = new AtomicInteger();

        CountingStore(SearchStore real) {
            super(real);
        }

        @Override
        public Snapshot openSnapshot(Duration keepAlive) {
            open.incrementAndGet();
            return super.openSnapshot(keepAlive);
        }

        @Override
        public SnapshotPage readSnapshot(Snapshot snapshot, LogFilter filter, List<Long> after, int size) {
            reads.incrementAndGet();
            return super.readSnapshot(snapshot, filter, after, size);
        }

        @Override
        public void closeSnapshot(Snapshot snapshot) {
            open.decrementAndGet();
            super.closeSnapshot(snapshot);
        }
    }

    /**
     * Closes the real point in time in Elasticsearch right after the first page, which is what its expiry does:
     * the next read meets Elasticsearch's own {@code search_context_missing_exception}.
     */
    static final class SnapshotDroppingStore extends ForwardingSearchStore {
        private final AtomicInteger reads = new AtomicInteger();

        SnapshotDroppingStore(SearchStore real) {
            super(real);
        }

        @Override
        public SnapshotPage readSnapshot(Snapshot snapshot, LogFilter filter, List<Long> after, int size) {
            SnapshotPage page = super.readSnapshot(snapshot, filter, after, size);
            if (reads.incrementAndGet() == 1) {
                super.closeSnapshot(page.snapshot());
            }
            return page;
        }
    }
}
