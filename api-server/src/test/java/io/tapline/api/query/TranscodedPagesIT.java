package io.tapline.api.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.api.ApiServer;
import io.tapline.api.LiveApi;
import io.tapline.api.RunningApi;
import io.tapline.api.TestTokens;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.schema.ApiCodec;
import io.tapline.schema.Body;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.store.BulkIndexer;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.ElasticsearchStore;
import io.tapline.store.ForwardingSearchStore;
import io.tapline.store.EntrySearch;
import io.tapline.store.SearchStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages answered by transcoding the search answer ({@link TranscodedPages}) against the same pages answered by the
 * record path (the same Elasticsearch store behind a {@link SearchStore} that cannot stream): for offset and
 * {@code afterId} pages, filters, bodies, deep offsets, tenant scopes and odd records (unicode, enrichment, headers,
 * missing fields), the status, headers and body bytes must be the same.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TranscodedPagesIT {
    private static final String LOGS = "/api/proxy-logs/_logs";
    private static final long DAY = 1_739_404_800_000L; // 2025-02-13T00:00:00Z

    private ElasticsearchConnection connection;
    private QueryDataset data;
    private LiveApi transcoded;
    private ApiServer viaRecords;

    @BeforeAll
    void start(URI es) {
        connection = LiveApi.connect(es);
        data = QueryDataset.generate("tpage", DAY, 1_200, 913).index(connection);
        List<LogRecord> odd = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            LogRecord.Builder b = LogRecord.builder().id(9_000_000_000L + i).tsMs(DAY + 3_600_000L + i * 1_000L)
                    .kind(Kind.values()[i % 3]).level(Level.values()[i % 5])
                    .projectId(data.project("abc".charAt(i % 3)));
            if (i % 2 == 0) {
                b.message("caf\u00e9 \ud83d\ude80 \u4e2d\u6587 \"q\" \\ \u2028 \u0001 #" + i);
            }
            if (i % 3 == 0) {
                Map<String, Object> enrichment = new LinkedHashMap<>();
                enrichment.put("route", "/v1/\u00e9/{id}");
                enrichment.put("ratio", i / 7.0);
                enrichment.put("tags", Arrays.asList("a", null, "\u00fc"));
                enrichment.put("geo", Map.of("country", "DE", "asn", 3320));
                b.enrichment(enrichment);
            }
            if (i % 4 == 0) {
                b.requestHeaders(Map.of("accept", "*/*", "x-request-id", "r-" + i));
            }
            if (i % 5 == 0) {
                b.requestBody(new Body("{\"\u00e9\":" + i + "}", i % 10 == 0, i % 10 == 0 ? null : "application/json"));
                b.responseBody(new Body("\u00fcber " + i, false, "text/plain; charset=utf-8"));
            }
            odd.add(b.build());
        }
        assertThat(new BulkIndexer(connection, new ObjectMapper()).index(odd).rejected()).isEmpty();
        new ElasticsearchStore(connection).refresh();
        transcoded = LiveApi.start(connection, b -> b.jwt(TestTokens.settings()));
        viaRecords = ApiServer.builder().store(new RecordsOnly(new ElasticsearchStore(connection)))
                .entryRenderer(ApiCodec::toEntry).tenantPort(0).adminPort(0).adminToken(RunningApi.ADMIN_TOKEN)
                .jwt(TestTokens.settings()).version("live-test").build().start();
    }

    @AfterAll
    void stop() {
        transcoded.close();
        viaRecords.close();
        connection.close();
    }

    @Test
    void adminPagesAreTheSameBytes() {
        String window = data.window();
        for (String params : List.of("", "limit=1", "limit=1000", "offset=37&limit=50", "includeRequestBody=true",
                "includeResponseBody=true&includeRequestBody=true&limit=300", "level=error,critical",
                "projectId=" + data.project('b') + "&kind=response&includeResponseBody=true", "query=quota",
                "query=caf%C3%A9", "serviceName=svc-3&method=GET", "limit=17&offset=1250", "offset=5000",
                "afterId=0&limit=100", "afterId=0&limit=1000&includeRequestBody=true&includeResponseBody=true",
                "afterId=9000000000010&limit=20", "projectId=nobody")) {
            String query = LOGS + "?" + window + (params.isEmpty() ? "" : "&" + params);
            assertSameAnswer(query, true, "X-API-Key", RunningApi.ADMIN_TOKEN);
        }
    }

    @Test
    void tenantPagesAreTheSameBytes() {
        String[] tenant = TestTokens.bearer(TestTokens.tenant("tenant-b", data.project('b')));
        for (String params : List.of("limit=200", "projectId=" + data.project('a'), "afterId=0&limit=500",
                "includeRequestBody=true&includeResponseBody=true&limit=1000", "level=bogus")) {
            assertSameAnswer(LOGS + "?" + params, false, tenant);
        }
    }

    @Test
    void theProductionRendererIsRecognisedAndOthersAreNot() {
        assertThat(ProductionRenderer.isApiCodec(ApiCodec::toEntry)).isTrue();
        assertThat(ProductionRenderer.isApiCodec((r, q, s) -> ApiCodec.toEntry(r, true, true))).isFalse();
        assertThat(ProductionRenderer.isApiCodec((r, q, s) -> {
            Map<String, Object> entry = new LinkedHashMap<>(ApiCodec.toEntry(r, q, s));
            entry.put("extra", 1);
            return entry;
        })).isFalse();
    }

    private void assertSameAnswer(String path, boolean admin, String... credential) {
        HttpResponse<String> expected = admin ? get(viaRecords, true, path, credential)
                : get(viaRecords, false, path, credential);
        HttpResponse<String> actual = admin ? transcoded.admin(path, credential) : transcoded.tenant(path, credential);
        assertThat(actual.statusCode()).as(path).isEqualTo(expected.statusCode());
        assertThat(actual.body()).as(path).isEqualTo(expected.body());
        for (String header : List.of("Content-Type", "Cache-Control", "X-Content-Type-Options")) {
            assertThat(actual.headers().allValues(header)).as(path + " " + header)
                    .isEqualTo(expected.headers().allValues(header));
        }
        if (expected.statusCode() == 200) {
            assertThat(expected.body()).startsWith("{\"entries\":[");
        }
    }

    private HttpResponse<String> get(ApiServer server, boolean admin, String path, String... credential) {
        // LiveApi's client, pointed at the other server's listener
        return transcoded.send("GET", admin ? server.adminAddress() : server.tenantAddress(), path, null, credential);
    }

    /** The Elasticsearch store without its streaming capability: the handler takes the record path. */
    private static final class RecordsOnly extends ForwardingSearchStore {
        RecordsOnly(SearchStore store) {
            super(store);
            assertThat(store).isInstanceOf(EntrySearch.class);
        }
    }
}
