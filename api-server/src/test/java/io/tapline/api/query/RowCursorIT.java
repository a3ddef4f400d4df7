package io.tapline.api.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.api.LiveApi;
import io.tapline.api.RunningApi;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.schema.IdGenerator;
import io.tapline.schema.IndexNames;
import io.tapline.schema.Kind;
import io.tapline.schema.LogRecord;
import io.tapline.store.BulkIndexer;
import io.tapline.store.BulkResult;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.SchemaInstaller;
import org.elasticsearch.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.tapline.api.RunningApi.json;
import static io.tapline.api.query.LogsConformanceIT.ids;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code afterId} row cursor against records whose visibility is delayed: indices with refresh disabled make
 * a record searchable only when the test says so, and a hand-moved clock decides what has settled.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RowCursorIT {
    private static final String LOGS = LogsConformanceIT.LOGS;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long DAY_B = 1_741_564_800_000L; // 2025-03-10: where B waits unseen
    private static final long DAY_C = DAY_B + 86_400_000L;  // 2025-03-11: where C waits unseen
    private static final long DAY_D = DAY_C + 86_400_000L;  // 2025-03-12: the control run's late record
    private static final long DAY_E = DAY_D + 86_400_000L;  // 2025-03-13: the control run's early record

    private ElasticsearchConnection connection;

    @BeforeAll
    void start(URI es) throws IOException {
        connection = LiveApi.connect(es);
        new SchemaInstaller(connection, MAPPER, "30d").install();
        for (long day : new long[]{DAY_B, DAY_C, DAY_D, DAY_E}) {
            Request create = new Request("PUT", "/" + IndexNames.dailyIndex(day));
            create.setJsonEntity("{\"settings\":{\"index\":{\"refresh_interval\":\"-1\"}}}");
            connection.restClient().performRequest(create);
        }
    }

    @AfterAll
    void stop() {
        connection.close();
    }

    private void refresh(long day) throws IOException {
        connection.restClient().performRequest(new Request("POST", "/" + IndexNames.dailyIndex(day) + "/_refresh"));
    }

    /** A record of {@code project} stored in {@code day}'s index, with an id minted at {@code idTimeMs}. */
    private LogRecord write(String project, long day, long idTimeMs) {
        LogRecord record = LogRecord.builder().id(new IdGenerator(903, () -> idTimeMs).nextId()).traceId("t")
                .tsMs(day + 3_600_000L).kind(Kind.EVENT).projectId(project).message("late").build();
        BulkResult result = new BulkIndexer(connection, MAPPER).index(List.of(record));
        assertThat(result.indexed()).isEqualTo(1);
        return record;
    }

    private Map<String, Object> page(LiveApi api, String project, long afterId) {
        var response = api.admin(LOGS + "?projectId=" + project + "&afterId=" + afterId, "X-API-Key", RunningApi.ADMIN_TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    @Test
    void aRecordSearchableLateButWithinTheSettleWindowIsNotSkipped() throws IOException {
        long now = 1_760_000_000_000L;
        MutableClock clock = new MutableClock(now);
        try (LiveApi api = LiveApi.start(connection, b -> b.querySettings(QuerySettings.builder().clock(clock)
                .settleWindow(Duration.ofSeconds(5)).build()))) {
            LogRecord a = write("rc_late", DAY_E, now - 10_000);
            refresh(DAY_E);
            Map<String, Object> first = page(api, "rc_late", 0);
            assertThat(ids(first)).containsExactly(a.id());

            LogRecord b = write("rc_late", DAY_B, now - 3_000); // not searchable yet
            LogRecord c = write("rc_late", DAY_C, now - 1_000);
            refresh(DAY_C);                                      // c is, b is not
            Map<String, Object> second = page(api, "rc_late", a.id());
            assertThat(ids(second)).as("both are younger than the window").isEmpty();
            assertThat(second).containsEntry("nextCursor", Long.toString(a.id())).containsEntry("hasMore", false);

            refresh(DAY_B);                                      // b arrives, 3 s after its id time
            clock.advance(Duration.ofSeconds(10));
            Map<String, Object> third = page(api, "rc_late", a.id());
            assertThat(ids(third)).containsExactly(b.id(), c.id());
            assertThat(third).containsEntry("nextCursor", Long.toString(c.id()));
        }
    }

    @Test
    void withoutASettleWindowTheSameLateRecordWouldBeSkipped() throws IOException {
        // The control experiment: it shows what the window is for, and that the test above can fail.
        long now = 1_760_000_100_000L;
        MutableClock clock = new MutableClock(now);
        try (LiveApi api = LiveApi.start(connection, b -> b.querySettings(QuerySettings.builder().clock(clock)
                .settleWindow(Duration.ZERO).build()))) {
            LogRecord late = write("rc_nowindow", DAY_D, now - 3_000);
            LogRecord early = write("rc_nowindow", DAY_E, now - 1_000);
            refresh(DAY_E);
            Map<String, Object> first = page(api, "rc_nowindow", 0);
            assertThat(ids(first)).containsExactly(early.id());
            refresh(DAY_D);
            Map<String, Object> second = page(api, "rc_nowindow", early.id());
            assertThat(ids(second)).doesNotContain(late.id());
        }
    }

    @Test
    void lastHoldsBackRecordsYoungerThanTheSettleWindow() throws IOException {
        long now = 1_760_000_200_000L;
        MutableClock clock = new MutableClock(now);
        try (LiveApi api = LiveApi.start(connection, b -> b.querySettings(QuerySettings.builder().clock(clock).build()))) {
            LogRecord settled = write("rc_last", DAY_E, now - 9_000);
            LogRecord fresh = write("rc_last", DAY_E, now - 1_000);
            refresh(DAY_E);
            var response = api.admin(LOGS + "?projectId=rc_last&last=10", "X-API-Key", RunningApi.ADMIN_TOKEN);
            assertThat(ids(json(response))).containsExactly(settled.id());
            clock.advance(Duration.ofSeconds(5));
            response = api.admin(LOGS + "?projectId=rc_last&last=10", "X-API-Key", RunningApi.ADMIN_TOKEN);
            assertThat(ids(json(response))).containsExactly(settled.id(), fresh.id());
        }
    }

    @Test
    void afterIdPagingWhileRecordsAreWrittenConcurrentlyHasNoDuplicatesAndNoGaps() throws Exception {
        String project = "rc_live";
        List<Long> written = java.util.Collections.synchronizedList(new ArrayList<>());
        try (LiveApi api = LiveApi.start(connection, b -> b.querySettings(QuerySettings.builder()
                .settleWindow(Duration.ofSeconds(3)).build()))) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                IdGenerator ids = new IdGenerator(904);
                BulkIndexer indexer = new BulkIndexer(connection, MAPPER);
                for (int batch = 0; batch < 20; batch++) {
                    List<LogRecord> records = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        long id = ids.nextId();
                        records.add(LogRecord.builder().id(id).traceId("c" + id).tsMs(IdGenerator.timestampOf(id))
                                .kind(Kind.REQUEST).projectId(project).method("GET").url("/c/" + id).build());
                    }
                    assertThat(indexer.index(records).indexed()).isEqualTo(records.size());
                    records.forEach(r -> written.add(r.id()));
                    sleep(150);
                }
            });
            Set<Long> seen = new LinkedHashSet<>();
            List<Long> order = new ArrayList<>();
            long cursor = 0;
            long quietSince = -1;
            while (true) {
                Map<String, Object> body = page(api, project, cursor);
                List<Long> got = ids(body);
                for (Long id : got) {
                    assertThat(seen.add(id)).as("duplicate id %s", id).isTrue();
                    order.add(id);
                }
                cursor = Long.parseLong((String) body.get("nextCursor"));
                if (writer.isDone() && got.isEmpty()) {
                    if (quietSince < 0) {
                        quietSince = System.nanoTime();
                    }
                    // every record written has had a full window (and a refresh) to settle
                    if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(5)) {
                        break;
                    }
                } else {
                    quietSince = -1;
                }
                sleep(got.isEmpty() ? 200 : 20);
            }
            writer.get();
            assertThat(order).isSorted();
            assertThat(order).containsExactlyElementsOf(written.stream().sorted().toList());
            assertThat(order).hasSize(1_000);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
