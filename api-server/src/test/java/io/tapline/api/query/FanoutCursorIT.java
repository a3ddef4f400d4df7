package io.tapline.api.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.api.LiveApi;
import io.tapline.api.RunningApi;
import io.tapline.api.TestTokens;
import io.tapline.api.cursor.CursorKey;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.schema.IdGenerator;
import io.tapline.schema.Kind;
import io.tapline.schema.LogRecord;
import io.tapline.store.BulkIndexer;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.ElasticsearchStore;
import org.elasticsearch.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tapline.api.RunningApi.json;
import static io.tapline.api.query.LogsConformanceIT.ids;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 004 section 5.2's cross-tenant fanout cursor: only with {@code LOGS_ADMIN_FANOUT=true}, only for admins,
 * pages over one snapshot; altered, foreign, expired and mismatched cursors are 400, a vanished snapshot 410.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FanoutCursorIT {
    private static final String LOGS = LogsConformanceIT.LOGS;
    private static final long DAY = 1_738_800_000_000L; // 2025-02-06
    private static final CursorKey KEY = CursorKey.random();

    private ElasticsearchConnection connection;
    private QueryDataset data;
    private MutableClock clock;
    private LiveApi api;

    @BeforeAll
    void start(URI es) {
        connection = LiveApi.connect(es);
        data = QueryDataset.generate("fan", DAY, 450, 906).index(connection);
        clock = new MutableClock(System.currentTimeMillis());
        api = LiveApi.start(connection, b -> b.jwt(TestTokens.settings())
                .querySettings(QuerySettings.builder().adminFanout(true).cursorKey(KEY).clock(clock).build()));
    }

    @AfterAll
    void stop() {
        api.close();
        connection.close();
    }

    private HttpResponse<String> admin(LiveApi on, String params) {
        return on.admin(LOGS + "?" + data.window() + "&" + params, "X-API-Key", RunningApi.ADMIN_TOKEN);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String message(HttpResponse<String> response) {
        return (String) json(response).get("message");
    }

    private String firstCursor(String params) {
        HttpResponse<String> first = admin(api, "cursor=&limit=50" + params);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        return (String) json(first).get("nextCursor");
    }

    @Test
    void pagesThroughEveryProjectOverOneSnapshotWithoutRepeatsOrGaps() {
        Set<Long> seen = new LinkedHashSet<>();
        List<Long> offsets = new ArrayList<>();
        String cursor = "";
        boolean laterWriteDone = false;
        while (true) {
            HttpResponse<String> response = admin(api, "limit=64&cursor=" + cursor);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            Map<String, Object> body = json(response);
            assertThat(body.keySet()).containsExactly("entries", "total", "limit", "offset", "nextCursor", "hasMore");
            assertThat(body).containsEntry("total", 450).containsEntry("limit", 64);
            offsets.add(((Number) body.get("offset")).longValue());
            for (Long id : ids(body)) {
                assertThat(seen.add(id)).as("repeated %s", id).isTrue();
            }
            if (!laterWriteDone) {
                // written into the same window after the snapshot opened: must not show up in it
                long late = new IdGenerator(907).nextId();
                new BulkIndexer(connection, new ObjectMapper()).index(List.of(LogRecord.builder().id(late).traceId("late")
                        .tsMs(DAY + 1_000).kind(Kind.EVENT).projectId("fan_late").build()));
                new ElasticsearchStore(connection).refresh();
                laterWriteDone = true;
            }
            if (!(Boolean) body.get("hasMore")) {
                assertThat(body.get("nextCursor")).isNull();
                break;
            }
            cursor = (String) body.get("nextCursor");
            assertThat(cursor).matches("[A-Za-z0-9_-]+");
        }
        assertThat(new ArrayList<>(seen)).isEqualTo(data.newestFirst(r -> true).stream().map(LogRecord::id).toList());
        assertThat(offsets).containsExactly(0L, 64L, 128L, 192L, 256L, 320L, 384L, 448L);
        // the projects of every tenant came back in the one walk
        assertThat(data.records().stream().map(LogRecord::projectId).distinct()).hasSize(3);
    }

    @Test
    void anAlteredCursorIsRefused() {
        String cursor = firstCursor("");
        char[] chars = cursor.toCharArray();
        int middle = chars.length / 2;
        chars[middle] = chars[middle] == 'A' ? 'B' : 'A';
        HttpResponse<String> response = admin(api, "limit=50&cursor=" + new String(chars));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(message(response)).startsWith("cursor ");
        assertThat(admin(api, "limit=50&cursor=" + cursor.substring(0, cursor.length() - 3)).statusCode()).isEqualTo(400);
        assertThat(admin(api, "limit=50&cursor=bm90LWEtY3Vyc29y").statusCode()).isEqualTo(400);
    }

    @Test
    void aCursorSignedByAnotherServerIsRefused() {
        try (LiveApi other = LiveApi.start(connection, b -> b.querySettings(QuerySettings.builder().adminFanout(true)
                .cursorKey(CursorKey.random()).build()))) {
            HttpResponse<String> first = admin(other, "cursor=&limit=50");
            String foreign = (String) json(first).get("nextCursor");
            HttpResponse<String> response = admin(api, "limit=50&cursor=" + foreign);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(message(response)).isEqualTo("cursor signature is invalid (altered, or issued by another server)");
        }
    }

    @Test
    void anUnsignedCursorWithAlgNoneIsRefused() {
        String cursor = firstCursor("");
        String compact = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
        String[] parts = compact.split("\\.");
        String noneHeader = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\",\"typ\":\"tapline-fanout-cursor\"}".getBytes(StandardCharsets.UTF_8));
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                (noneHeader + "." + parts[1] + ".").getBytes(StandardCharsets.US_ASCII));
        assertThat(admin(api, "limit=50&cursor=" + forged).statusCode()).isEqualTo(400);
    }

    @Test
    void anExpiredCursorIsRefused() {
        String cursor = firstCursor("");
        clock.advance(Duration.ofMinutes(6));
        try {
            HttpResponse<String> response = admin(api, "limit=50&cursor=" + cursor);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(message(response)).isEqualTo("cursor has expired; start again with an empty cursor");
        } finally {
            clock.advance(Duration.ofMinutes(-6));
        }
    }

    @Test
    void aCursorSentWithOtherFiltersIsRefused() {
        String cursor = firstCursor("&kind=request");
        assertThat(admin(api, "limit=50&kind=request&cursor=" + cursor).statusCode()).isEqualTo(200);
        for (String other : List.of("&kind=response", "", "&kind=request&query=quota", "&kind=request&projectId=fan_a",
                "&kind=request&level=error")) {
            HttpResponse<String> response = admin(api, "limit=50&cursor=" + cursor + other);
            assertThat(response.statusCode()).as(other).isEqualTo(400);
            assertThat(message(response)).startsWith("cursor was issued for other filters");
        }
    }

    @Test
    void aCursorWhoseSnapshotIsGoneIs410() throws Exception {
        String cursor = firstCursor("");
        String compact = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
        Map<?, ?> payload = new ObjectMapper().readValue(Base64.getUrlDecoder().decode(compact.split("\\.")[1]), Map.class);
        Request close = new Request("DELETE", "/_pit");
        close.setJsonEntity("{\"id\":\"" + payload.get("pit") + "\"}");
        connection.restClient().performRequest(close);
        HttpResponse<String> response = admin(api, "limit=50&cursor=" + cursor);
        assertThat(response.statusCode()).isEqualTo(410);
        assertThat(json(response)).isEqualTo(RunningApi.errorBody(410, "Gone",
                "The cursor's snapshot has expired; start again with an empty cursor"));
    }

    @Test
    void aCursorCannotBeCombinedWithOffsetAfterIdOrLast() {
        for (String other : List.of("offset=5", "afterId=5", "last=5")) {
            HttpResponse<String> response = admin(api, "cursor=&" + other);
            assertThat(response.statusCode()).as(other).isEqualTo(400);
            assertThat(message(response)).startsWith("cursor pages by its own position");
        }
    }

    @Test
    void tenantsCannotUseTheFanoutEvenWithAnAdminsCursor() {
        String cursor = firstCursor("");
        String tenant = TestTokens.tenant("alice", "fan_a");
        for (String params : List.of("cursor=", "cursor=" + cursor, "cursor=&projectId=fan_a", "cursor=" + enc("x"))) {
            HttpResponse<String> response = api.tenant(LOGS + "?" + params, TestTokens.bearer(tenant));
            assertThat(response.statusCode()).as(params).isIn(400, 403);
            assertThat(response.body()).doesNotContain("fan_b", "fan_c");
            if (params.startsWith("cursor=") && !params.equals("cursor=" + enc("x"))) {
                assertThat(response.statusCode()).isEqualTo(403);
            }
        }
    }

    @Test
    void withTheFlagOffTheCursorIsRefusedNamingItForAdminsAndTenantsAlike() {
        try (LiveApi off = LiveApi.start(connection, b -> b.jwt(TestTokens.settings()))) {
            HttpResponse<String> admin = admin(off, "cursor=");
            assertThat(admin.statusCode()).isEqualTo(400);
            assertThat(message(admin)).isEqualTo(LogsHandler.FANOUT_DISABLED);
            HttpResponse<String> tenant = off.tenant(LOGS + "?cursor=", TestTokens.bearer(TestTokens.tenant("bob", "fan_b")));
            assertThat(tenant.statusCode()).isEqualTo(400);
            assertThat(message(tenant)).isEqualTo(LogsHandler.FANOUT_DISABLED);
        }
    }
}
