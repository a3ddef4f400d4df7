package io.tapline.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.schema.ApiCodec;
import io.tapline.schema.Body;
import io.tapline.schema.IdGenerator;
import io.tapline.schema.Json;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.schema.Source;
import io.tapline.store.BulkIndexer;
import io.tapline.store.BulkResult;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.ElasticsearchStore;
import io.tapline.store.SchemaInstaller;
import io.tapline.store.StoreConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The foundation end to end: 10,000 records indexed through the store into a real Elasticsearch node come
 * back through {@code GET /api/proxy-logs/_logs} over real HTTP, every field equal, in seed 004's shape.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogsOverElasticsearchIT {
    private static final int COUNT = 10_000;
    private static final String TOKEN = "it-admin-token-0123456789";
    /** A day no other test writes: the shared node holds other classes' records too, so every query is bounded to it. */
    private static final long START = 1_046_649_600_000L; // 2003-03-03T00:00:00Z
    private static final String OUR_DAY = "&fromTimestamp=" + START + "&toTimestamp=" + (START + 86_400_000L - 1);
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private ElasticsearchConnection connection;
    private ApiServer api;
    private List<LogRecord> records;

    @BeforeAll
    void indexTenThousandRecordsAndStartTheApi(URI es) {
        connection = ElasticsearchConnection.open(StoreConfig.of(es), mapper);
        new SchemaInstaller(connection, mapper, "30d").install();
        records = generate();
        BulkResult result = new BulkIndexer(connection, mapper).index(records);
        assertThat(result.rejected()).isEmpty();
        assertThat(result.indexed()).isEqualTo(COUNT);
        ElasticsearchStore store = new ElasticsearchStore(connection);
        store.refresh();
        api = ApiServer.builder().store(store).entryRenderer(ApiCodec::toEntry).tenantPort(0).adminPort(0)
                .adminToken(TOKEN).version("it").build().start();
    }

    @AfterAll
    void stop() {
        api.close();
        connection.close();
    }

    @Test
    void everyRecordComesBackOverHttpWithEveryFieldEqualNewestFirst() throws Exception {
        Map<Long, LogRecord> byId = new HashMap<>();
        records.forEach(r -> byId.put(r.id(), r));
        List<Long> seen = new ArrayList<>();
        for (int offset = 0; offset < COUNT; offset += 1000) {
            Map<String, Object> page = get("/api/proxy-logs/_logs?limit=1000&offset=" + offset
                    + "&includeRequestBody=true&includeResponseBody=true" + OUR_DAY);
            assertThat(page.keySet()).containsExactly("entries", "total", "limit", "offset");
            assertThat(page.get("total")).isEqualTo(COUNT);
            assertThat(page.get("limit")).isEqualTo(1000);
            assertThat(page.get("offset")).isEqualTo(offset);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> entries = (List<Map<String, Object>>) page.get("entries");
            assertThat(entries).hasSize(1000);
            for (Map<String, Object> entry : entries) {
                LogRecord back = ApiCodec.fromEntry(entry);
                LogRecord original = byId.get(back.id());
                assertThat(back).isEqualTo(original);
                // the exact JSON the seed shape prescribes, key order included
                assertThat(Json.write(entry)).isEqualTo(Json.write(ApiCodec.toEntry(original, true, true)));
                seen.add(back.id());
            }
        }
        List<Long> expectedOrder = records.stream()
                .sorted(Comparator.comparingLong(LogRecord::tsMs).thenComparingLong(LogRecord::id).reversed())
                .map(LogRecord::id).toList();
        assertThat(seen).isEqualTo(expectedOrder);
    }

    @Test
    void entriesHaveSeed004sKeysInSeed004sOrder() throws Exception {
        Map<String, Object> page = get("/api/proxy-logs/_logs?limit=50" + OUR_DAY);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) page.get("entries");
        List<String> seedOrder = List.of("id", "traceId", "tsMs", "tsIso", "kind", "level", "projectId",
                "containerId", "serviceName", "method", "url", "clientIp", "status", "data", "source");
        Map<String, Object> response = entries.stream().filter(e -> e.get("kind").equals("response")).findFirst().orElseThrow();
        assertThat(new ArrayList<>(response.keySet()).subList(0, seedOrder.size())).isEqualTo(seedOrder);
        assertThat(response).doesNotContainKeys("requestBody", "responseBody");
        assertThat(((Map<?, ?>) response.get("data")).keySet().stream().map(Object::toString).toList()).contains("bytesOut", "durationMs", "userAgent");
        assertThat((String) response.get("tsIso")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        // every entry, whatever its kind, keeps the seed's relative order for the keys it has
        for (Map<String, Object> entry : entries) {
            List<String> present = seedOrder.stream().filter(entry::containsKey).toList();
            assertThat(entry.keySet().stream().filter(seedOrder::contains).toList()).isEqualTo(present);
        }
    }

    @Test
    void projectIdNarrowsTheResultToThatProject() throws Exception {
        Map<String, Object> page = get("/api/proxy-logs/_logs?limit=1000&projectId=proj_b" + OUR_DAY);
        long expected = records.stream().filter(r -> r.projectId().equals("proj_b")).count();
        assertThat(((Number) page.get("total")).longValue()).isEqualTo(expected);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) page.get("entries");
        assertThat(entries).isNotEmpty().allMatch(e -> e.get("projectId").equals("proj_b"));
    }

    private Map<String, Object> get(String pathAndQuery) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + api.adminAddress().getPort() + pathAndQuery);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("X-API-Key", TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        return mapper.readValue(r.body(), new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

    private static List<LogRecord> generate() {
        IdGenerator ids = new IdGenerator(3);
        String[] projects = {"proj_a", "proj_b", "proj_c", "proj_d"};
        long start = START;
        List<LogRecord> out = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            Kind kind = Kind.values()[i % 3];
            LogRecord.Builder b = LogRecord.builder()
                    .id(ids.nextId())
                    .traceId(UUID.nameUUIDFromBytes(("trace" + i / 2).getBytes()).toString())
                    .tsMs(start + (i * 7919L) % 86_400_000L) // out of id order on purpose
                    .kind(kind)
                    .level(Level.values()[i % 5])
                    .projectId(projects[i % projects.length])
                    .containerId("cnt_" + (i % 7))
                    .serviceName("svc-" + (i % 3))
                    .source(i % 2 == 0 ? Source.BACKEND : Source.EDGE);
            if (kind == Kind.EVENT) {
                b.action("upstream_timeout").message("upstream timed out after " + i + " ms — ünïcode ✓");
            } else {
                b.method(i % 4 == 0 ? "POST" : "GET").url("/v1/users/" + i + "/orders?page=" + (i % 10))
                        .clientIp(i % 9 == 0 ? "2001:db8::" + Integer.toHexString(i) : "203.0.113." + (i % 250))
                        .userAgent("Hoody-CLI/1.4." + (i % 10))
                        .requestHeaders(Map.of("accept", "application/json", "x-request-id", "r-" + i));
                if (kind == Kind.REQUEST) {
                    b.bytesIn((long) i * 3);
                    if (i % 10 == 0) {
                        b.requestBody(new Body("{\"name\":\"user " + i + "\"}", false, "application/json"));
                    }
                } else {
                    b.status(200 + (i % 5) * 100 + (i % 3)).bytesOut((long) i * 5).durationMs((long) (i % 2000));
                    if (i % 10 == 1) {
                        b.responseBody(new Body("{\"id\":" + i + ",\"partial", true, "application/json"));
                    }
                }
            }
            if (i % 5 == 0) {
                b.enrichment(Map.of("route", "/v1/users/{id}/orders", "class", "success", "n", i,
                        "nested", Map.of("k", "v" + i), "list", List.of("a", "b")));
            }
            out.add(b.build());
        }
        return out;
    }
}
