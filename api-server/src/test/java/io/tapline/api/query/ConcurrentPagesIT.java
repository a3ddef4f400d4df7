package io.tapline.api.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.api.ApiServer;
import io.tapline.api.LiveApi;
import io.tapline.api.RunningApi;
import io.tapline.api.TestTokens;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.schema.ApiCodec;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.ElasticsearchStore;
import io.tapline.store.ForwardingSearchStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many pages at once over real HTTP, as tenants of different projects and as admin, while the transcoding helpers
 * are shared between them ({@link TranscodePool}): every answer is byte for byte the one the record path gives
 * for the same request alone, so no page receives another's entries, counts or ids, and none is cut.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentPagesIT {
    private static final String LOGS = "/api/proxy-logs/_logs";
    private static final long DAY = 1_739_923_200_000L; // 2025-02-19T00:00:00Z
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ElasticsearchConnection connection;
    private QueryDataset data;
    private LiveApi transcoded;
    private ApiServer viaRecords;

    @BeforeAll
    void start(URI es) {
        connection = LiveApi.connect(es);
        data = QueryDataset.generate("pconc", DAY, 2_400, 919).index(connection);
        transcoded = LiveApi.start(connection, b -> b.jwt(TestTokens.settings()).transcodeThreads(2));
        viaRecords = ApiServer.builder().store(new ForwardingSearchStore(new ElasticsearchStore(connection)) {
                }).entryRenderer(ApiCodec::toEntry).tenantPort(0).adminPort(0).adminToken(RunningApi.ADMIN_TOKEN)
                .jwt(TestTokens.settings()).version("live-test").build().start();
    }

    @AfterAll
    void stop() {
        transcoded.close();
        viaRecords.close();
        connection.close();
    }

    /** One request: its listener, path and credential, and the answer the record path gives it. */
    private record Call(boolean admin, String path, String[] credential, Set<String> projects, String expected) {
    }

    @Test
    void simultaneousPagesEachGetExactlyTheirOwnEntries() throws Exception {
        List<Call> calls = new ArrayList<>();
        String window = data.window();
        for (char project : new char[]{'a', 'b', 'c'}) {
            String[] tenant = TestTokens.bearer(TestTokens.tenant("tenant-" + project, data.project(project)));
            for (String params : List.of("limit=200", "limit=1000&includeRequestBody=true", "afterId=0&limit=300",
                    "limit=17&offset=40", "level=error&limit=500&includeResponseBody=true", "query=quota&limit=250")) {
                calls.add(call(false, LOGS + "?" + params, tenant, Set.of(data.project(project))));
            }
        }
        String[] pair = TestTokens.bearer(TestTokens.tenant("tenant-ab", data.project('a'), data.project('b')));
        calls.add(call(false, LOGS + "?limit=1000&includeRequestBody=true&includeResponseBody=true", pair,
                Set.of(data.project('a'), data.project('b'))));
        calls.add(call(false, LOGS + "?projectId=" + data.project('c') + "&limit=200", pair,
                Set.of(data.project('a'), data.project('b'))));
        String[] admin = {"X-API-Key", RunningApi.ADMIN_TOKEN};
        for (String params : List.of("limit=1000", "limit=600&includeRequestBody=true", "afterId=0&limit=1000",
                "projectId=" + data.project('b') + "&limit=400")) {
            calls.add(call(true, LOGS + "?" + window + "&" + params, admin, Set.copyOf(data.projects())));
        }

        int threads = 16;
        int perThread = 15;
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> done = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                Random random = new Random(t);
                done.add(clients.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        Call call = calls.get(random.nextInt(calls.size()));
                        HttpResponse<String> answer = call.admin() ? transcoded.admin(call.path(), call.credential())
                                : transcoded.tenant(call.path(), call.credential());
                        assertThat(answer.body()).as(call.path()).isEqualTo(call.expected());
                    }
                    return perThread;
                }));
            }
            go.countDown();
            int answered = 0;
            for (Future<Integer> f : done) {
                answered += f.get(5, TimeUnit.MINUTES);
            }
            assertThat(answered).isEqualTo(threads * perThread);
        } finally {
            clients.shutdownNow();
        }
    }

    /** The record path's answer to the request alone, checked to hold only the caller's projects. */
    private Call call(boolean admin, String path, String[] credential, Set<String> projects) throws Exception {
        HttpResponse<String> expected = transcoded.send("GET", admin ? viaRecords.adminAddress()
                : viaRecords.tenantAddress(), path, null, credential);
        if (expected.statusCode() == 200) {
            JsonNode entries = MAPPER.readTree(expected.body()).path("entries");
            for (JsonNode entry : entries) {
                assertThat(projects).as(path).contains(entry.path("projectId").asText());
            }
        } else {
            assertThat(expected.statusCode()).as(path + ": a project out of the caller's scope").isEqualTo(403);
        }
        return new Call(admin, path, credential, projects, expected.body());
    }
}
