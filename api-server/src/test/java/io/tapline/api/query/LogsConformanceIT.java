package io.tapline.api.query;

import io.tapline.api.LiveApi;
import io.tapline.api.RunningApi;
import io.tapline.api.TestTokens;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.schema.ApiCodec;
import io.tapline.schema.Json;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.schema.Source;
import io.tapline.store.ElasticsearchConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.tapline.api.RunningApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 004's query endpoint field for field, over real HTTP against the embedded node: one test per parameter
 * (plus those seeds 000 and 003 add) and per response field, each checked against the same records filtered in
 * Java.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogsConformanceIT {
    static final String LOGS = "/api/proxy-logs/_logs";
    private static final long DAY = 1_738_540_800_000L; // 2025-02-03T00:00:00Z

    private ElasticsearchConnection connection;
    private QueryDataset data;
    private LiveApi api;

    @BeforeAll
    void start(URI es) {
        connection = LiveApi.connect(es);
        data = QueryDataset.generate("conf", DAY, 1_500, 901).index(connection);
        api = LiveApi.start(connection, b -> b.jwt(TestTokens.settings()));
    }

    @AfterAll
    void stop() {
        api.close();
        connection.close();
    }

    private HttpResponse<String> get(String params) {
        return api.admin(LOGS + "?" + data.window() + (params.isEmpty() ? "" : "&" + params),
                "X-API-Key", RunningApi.ADMIN_TOKEN);
    }

    private Map<String, Object> ok(String params) {
        HttpResponse<String> response = get(params);
        assertThat(response.statusCode()).as(params + ": " + response.body()).isEqualTo(200);
        return json(response);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> entries(Map<String, Object> body) {
        return (List<Map<String, Object>>) body.get("entries");
    }

    static List<Long> ids(Map<String, Object> body) {
        return entries(body).stream().map(e -> ((Number) e.get("id")).longValue()).toList();
    }

    /** The first 1000 matches newest first, and the total, equal those of the same filter applied in Java. */
    private void assertFilter(String params, Predicate<LogRecord> expected) {
        List<LogRecord> want = data.newestFirst(expected);
        assertThat(want).as("the dataset must exercise " + params).isNotEmpty();
        Map<String, Object> body = ok("limit=1000&" + params);
        assertThat(((Number) body.get("total")).longValue()).as(params).isEqualTo(want.size());
        assertThat(ids(body)).as(params).isEqualTo(want.stream().limit(1000).map(LogRecord::id).toList());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ---- response fields -------------------------------------------------------------------------------

    @Test
    void responseHasExactlyEntriesTotalLimitOffsetInTheSeedsOrder() {
        Map<String, Object> body = ok("limit=3&offset=2");
        assertThat(body.keySet()).containsExactly("entries", "total", "limit", "offset");
        assertThat(body).containsEntry("total", 1_500).containsEntry("limit", 3).containsEntry("offset", 2);
    }

    @Test
    void everyEntryIsTheSeedShapeOfItsRecordFieldForField() {
        Map<Long, LogRecord> byId = data.byId();
        for (Map<String, Object> entry : entries(ok("limit=1000"))) {
            LogRecord record = byId.get(((Number) entry.get("id")).longValue());
            assertThat(Json.write(entry)).isEqualTo(Json.write(ApiCodec.toEntry(record, false, false)));
        }
        List<String> seedOrder = List.of("id", "traceId", "tsMs", "tsIso", "kind", "level", "projectId",
                "containerId", "serviceName", "method", "url", "clientIp", "status", "data", "source");
        Map<String, Object> response = entries(ok("kind=response&limit=1")).get(0);
        assertThat(response.keySet()).containsSubsequence(seedOrder);
        assertThat(response.get("id")).isInstanceOf(Number.class);
        assertThat((String) response.get("traceId")).startsWith("trace-conf-");
        long tsMs = ((Number) response.get("tsMs")).longValue();
        assertThat(response.get("tsIso")).isEqualTo(io.tapline.schema.Timestamps.iso(tsMs));
        assertThat((String) response.get("tsIso")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        @SuppressWarnings("unchecked")
        Map<String, Object> dataField = (Map<String, Object>) response.get("data");
        assertThat(dataField).containsKeys("bytesOut", "durationMs", "userAgent");
    }

    @Test
    void totalCountsEveryMatchNotJustThePage() {
        assertThat(ok("limit=1&kind=event").get("total")).isEqualTo(500);
    }

    // ---- parameters --------------------------------------------------------------------------------------

    @Test
    void limitCapsThePageAndDefaultsTo200() {
        assertThat(entries(ok("limit=7"))).hasSize(7);
        assertThat(ok("")).containsEntry("limit", 200);
        assertThat(entries(ok(""))).hasSize(200);
        assertThat(get("limit=1001").statusCode()).isEqualTo(400);
    }

    @Test
    void offsetSkipsNewestFirstEntries() {
        List<Long> all = data.newestFirst(r -> true).stream().map(LogRecord::id).toList();
        assertThat(ids(ok("limit=5&offset=10"))).isEqualTo(all.subList(10, 15));
        assertThat(ids(ok("limit=50&offset=1490"))).isEqualTo(all.subList(1490, 1500));
        assertThat(entries(ok("offset=1500"))).isEmpty();
    }

    @Test
    void projectIdRestrictsToOneProject() {
        assertFilter("projectId=conf_b", r -> r.projectId().equals("conf_b"));
    }

    @Test
    void containerIdRestrictsToOneContainer() {
        assertFilter("containerId=cnt_2", r -> "cnt_2".equals(r.containerId()));
    }

    @Test
    void serviceNameRestrictsToOneService() {
        assertFilter("serviceName=svc-3", r -> "svc-3".equals(r.serviceName()));
    }

    @Test
    void levelTakesACommaSeparatedListAndSeed003Aliases() {
        assertFilter("level=warn,error", r -> r.level() == Level.WARN || r.level() == Level.ERROR);
        assertFilter("level=warning,FATAL", r -> r.level() == Level.WARN || r.level() == Level.CRITICAL);
        assertFilter("level=debug", r -> r.level() == Level.DEBUG);
    }

    @Test
    void minLevelKeepsThisLevelAndAboveAndCombinesWithLevel() {
        assertFilter("minLevel=warn", r -> r.level().atLeast(Level.WARN));
        assertFilter("minLevel=error&level=info,error,critical", r -> r.level().atLeast(Level.ERROR));
        assertThat(ok("minLevel=critical&level=debug").get("total")).isEqualTo(0);
    }

    @Test
    void includeRequestBodyAndIncludeResponseBodyAddTheCapturedBodies() {
        Map<Long, LogRecord> byId = data.byId();
        for (String flags : List.of("", "includeRequestBody=true", "includeResponseBody=true",
                "includeRequestBody=true&includeResponseBody=true", "includeRequestBody=false")) {
            boolean req = flags.contains("includeRequestBody=true");
            boolean res = flags.contains("includeResponseBody=true");
            for (Map<String, Object> entry : entries(ok("limit=60&" + flags))) {
                LogRecord record = byId.get(((Number) entry.get("id")).longValue());
                assertThat(Json.write(entry)).isEqualTo(Json.write(ApiCodec.toEntry(record, req, res)));
                assertThat(entry.containsKey("requestBody")).isEqualTo(req && record.requestBody() != null);
                assertThat(entry.containsKey("responseBody")).isEqualTo(res && record.responseBody() != null);
            }
        }
    }

    @Test
    void lastReturnsTheNewestNByIdOldestFirst() {
        List<Long> byId = data.records().stream().filter(r -> r.projectId().equals("conf_c"))
                .sorted(QueryDataset.BY_ID).map(LogRecord::id).toList();
        Map<String, Object> body = ok("projectId=conf_c&last=25");
        assertThat(ids(body)).isEqualTo(byId.subList(byId.size() - 25, byId.size()));
        assertThat(body).containsEntry("limit", 25).containsEntry("offset", 0).containsEntry("total", byId.size());
        assertThat(body.keySet()).containsExactly("entries", "total", "limit", "offset");
    }

    @Test
    void afterIdPagesAscendingByIdWithNextCursorAndHasMore() {
        List<Long> byId = data.records().stream().sorted(QueryDataset.BY_ID).map(LogRecord::id).toList();
        long after = byId.get(99);
        Map<String, Object> body = ok("afterId=" + after + "&limit=40");
        assertThat(body.keySet()).containsExactly("entries", "total", "limit", "offset", "nextCursor", "hasMore");
        assertThat(ids(body)).isEqualTo(byId.subList(100, 140));
        assertThat(body).containsEntry("nextCursor", Long.toString(byId.get(139))).containsEntry("hasMore", true)
                .containsEntry("total", 1_400);
        Map<String, Object> end = ok("afterId=" + byId.get(1_480) + "&limit=40");
        assertThat(ids(end)).isEqualTo(byId.subList(1_481, 1_500));
        assertThat(end).containsEntry("hasMore", false).containsEntry("nextCursor", Long.toString(byId.get(1_499)));
        Map<String, Object> past = ok("afterId=" + byId.get(1_499));
        assertThat(entries(past)).isEmpty();
        assertThat(past).containsEntry("nextCursor", Long.toString(byId.get(1_499))).containsEntry("hasMore", false);
    }

    @Test
    void cursorIsRefusedNamingItWhileFanoutIsOff() {
        HttpResponse<String> response = get("cursor=");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("message").toString()).startsWith("cursor ");
    }

    @Test
    void kindRestrictsToRequestsResponsesOrEvents() {
        for (Kind kind : Kind.values()) {
            assertFilter("kind=" + kind.wireName(), r -> r.kind() == kind);
        }
    }

    @Test
    void methodRestrictsToOneHttpMethodWhateverItsCase() {
        assertFilter("method=DELETE", r -> "DELETE".equals(r.method()));
        assertFilter("method=post", r -> "POST".equals(r.method()));
    }

    @Test
    void sourceRestrictsToBackendOrEdge() {
        assertFilter("source=edge", r -> r.source() == Source.EDGE);
        assertFilter("source=backend", r -> r.source() == Source.BACKEND);
    }

    @Test
    void queryFindsEveryWordInTheUrlTheMessageOrTheBodies() {
        assertFilter("query=quota", r -> r.url().contains("quota"));
        assertFilter("query=" + enc("upstream quota"), r -> r.kind() == Kind.EVENT && r.url().contains("quota"));
        // "line two" is in response bodies only; "refused" in their URL or body
        assertFilter("query=" + enc("two refused"), r -> r.responseBody() != null && r.url().contains("refused"));
        assertFilter("query=" + enc("quoted timeout"), r -> r.requestBody() != null && r.url().contains("timeout"));
        assertFilter("query=" + enc("ÜNÏCODE"), r -> r.url().contains("ünïcode"));
    }

    @Test
    void fromTimestampIsInclusiveAndToTimestampExclusive() {
        long from = DAY + 100 * 20_000L;
        long to = DAY + 300 * 20_000L;
        List<LogRecord> want = data.newestFirst(r -> r.tsMs() >= from && r.tsMs() < to);
        Map<String, Object> body = json(api.admin(LOGS + "?limit=1000&fromTimestamp=" + from + "&toTimestamp=" + to,
                "X-API-Key", RunningApi.ADMIN_TOKEN));
        assertThat(ids(body)).isEqualTo(want.stream().map(LogRecord::id).toList());
        assertThat(want.get(want.size() - 1).tsMs()).isEqualTo(from);
    }

    @Test
    void sinceAndUntilTakeIso8601WithAnyOffset() {
        long from = DAY + 100 * 20_000L;
        long to = DAY + 300 * 20_000L;
        String since = Instant.ofEpochMilli(from).toString();
        // the same instant as "until", written at +02:00 and with its '+' percent-encoded
        String until = java.time.OffsetDateTime.ofInstant(Instant.ofEpochMilli(to), java.time.ZoneOffset.ofHours(2)).toString();
        Map<String, Object> body = json(api.admin(LOGS + "?limit=1000&since=" + since + "&until=" + enc(until),
                "X-API-Key", RunningApi.ADMIN_TOKEN));
        assertThat(ids(body)).isEqualTo(data.newestFirst(r -> r.tsMs() >= from && r.tsMs() < to).stream()
                .map(LogRecord::id).toList());
    }

    @Test
    void formatNdjsonStreamsEveryMatchAsOneEntryPerLine() {
        HttpResponse<String> response = get("format=ndjson&projectId=conf_a");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/x-ndjson"));
        List<String> lines = response.body().lines().toList();
        assertThat(lines).hasSize(500);
    }
}
