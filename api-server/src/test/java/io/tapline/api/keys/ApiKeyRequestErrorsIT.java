package io.tapline.api.keys;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.api.LiveApi;
import io.tapline.api.RunningApi;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.StoreConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static io.tapline.api.RunningApi.errorBody;
import static io.tapline.api.RunningApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything a client can get wrong on {@code /api/keys} ends in a 4xx with the seed's error body, and an
 * unreachable Elasticsearch in a 503: never a 500, never a stack trace.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeyRequestErrorsIT {

    private static final String KEYS = "/api/keys";
    private static final String[] ADMIN = {"X-API-Key", RunningApi.ADMIN_TOKEN};
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ElasticsearchConnection connection;
    private LiveApi api;

    @BeforeAll
    void start(URI es) {
        connection = LiveApi.connect(es);
        api = LiveApi.start(connection, b -> b.apiKeys(new ElasticsearchApiKeyStore(connection, MAPPER)));
    }

    @AfterAll
    void stop() {
        api.close();
        connection.close();
    }

    private HttpResponse<String> post(String body, String... extraHeaders) {
        String[] headers = new String[ADMIN.length + extraHeaders.length];
        System.arraycopy(ADMIN, 0, headers, 0, ADMIN.length);
        System.arraycopy(extraHeaders, 0, headers, ADMIN.length, extraHeaders.length);
        return api.send("POST", api.server.adminAddress(), KEYS, body, headers);
    }

    private void assertBadRequest(String body, String message) {
        HttpResponse<String> response = post(body);
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat(json(response)).isEqualTo(errorBody(400, "Bad Request", message));
    }

    @Test
    void malformedBodiesAre400NamingTheProblem() {
        assertBadRequest("", "Request body must be a JSON object");
        assertBadRequest("{\"name\":", "Request body is not valid JSON (line 1, column 9)");
        assertBadRequest("[1,2]", "Request body must be a JSON object");
        assertBadRequest("\"x\"", "Request body must be a JSON object");
        assertBadRequest("{} {}", "Request body is not valid JSON (line 1, column 4)");
        assertBadRequest("{\"name\":\"n\",\"role\":\"tenant\",\"projects\":[\"p\"],\"admin\":true}",
                "Unknown field 'admin' (expected name, role, projects)");
        assertBadRequest("{\"role\":\"tenant\",\"projects\":[\"p\"]}", "'name' is required: a non-empty string");
        assertBadRequest("{\"name\":7,\"role\":\"tenant\",\"projects\":[\"p\"]}", "'name' is required: a non-empty string");
        assertBadRequest("{\"name\":\"" + "n".repeat(101) + "\",\"role\":\"admin\"}",
                "'name' must be at most 100 characters without control characters");
        assertBadRequest("{\"name\":\"n\"}", "'role' is required: \"admin\" or \"tenant\"");
        assertBadRequest("{\"name\":\"n\",\"role\":\"root\"}", "'role' is required: \"admin\" or \"tenant\"");
        assertBadRequest("{\"name\":\"n\",\"role\":\"tenant\"}",
                "'projects' is required for a tenant key: a non-empty array of project ids");
        assertBadRequest("{\"name\":\"n\",\"role\":\"tenant\",\"projects\":[]}",
                "'projects' is required for a tenant key: a non-empty array of project ids");
        assertBadRequest("{\"name\":\"n\",\"role\":\"tenant\",\"projects\":\"p\"}",
                "'projects' must be an array of at most 1000 project ids");
        assertBadRequest("{\"name\":\"n\",\"role\":\"tenant\",\"projects\":[\"a b\"]}",
                "'projects' holds an invalid project id: \"a b\"");
        assertBadRequest("{\"name\":\"n\",\"role\":\"admin\",\"projects\":[\"p\"]}",
                "'projects' must be empty for an admin key (it reads every project)");
    }

    @Test
    void anOversizedBodyIs413AndANonJsonContentTypeIs415() {
        String big = "{\"name\":\"" + "n".repeat(20_000) + "\",\"role\":\"admin\"}";
        HttpResponse<String> tooLarge = post(big);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(json(tooLarge)).isEqualTo(errorBody(413, "Request Entity Too Large",
                "Request body is larger than 16384 bytes"));

        HttpResponse<String> form = post("name=n&role=admin", "Content-Type", "application/x-www-form-urlencoded");
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(json(form).get("statusCode")).isEqualTo(415);
    }

    @Test
    void aChunkedBodyOverTheLimitIs413Too() throws Exception {
        String chunk = "{\"name\":\"" + "n".repeat(20_000) + "\"}";
        String request = "POST " + KEYS + " HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + RunningApi.ADMIN_TOKEN
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", api.server.adminAddress().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 413").contains("\"statusCode\":413");
        }
    }

    @Test
    void unknownKeyIdsAre404AndWrongMethodsAre405WithAllow() {
        for (String id : new String[]{"0123456789abcdef", "not-an-id", "%2e%2e"}) {
            HttpResponse<String> response = api.send("DELETE", api.server.adminAddress(), KEYS + "/" + id, null, ADMIN);
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(json(response)).isEqualTo(errorBody(404, "Not Found", "No API key with id " + id));
        }
        HttpResponse<String> get = api.send("GET", api.server.adminAddress(), KEYS + "/0123456789abcdef", null, ADMIN);
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("DELETE");
        HttpResponse<String> put = api.send("PUT", api.server.adminAddress(), KEYS, "{}", ADMIN);
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).hasValue("GET, POST");
        assertThat(json(put).get("error")).isEqualTo("Method Not Allowed");
    }

    @Test
    void aThousandRandomAndHostileApiKeysAreAll401NeverA500() {
        java.util.Random random = new java.util.Random(7);
        String alphabet = "abcdef0123456789ABCDEF_-tplxyz~!*'();:@&=+$,/?#[] ";
        for (int i = 0; i < 1000; i++) {
            String key;
            if (i % 2 == 0) {
                // Well-formed enough to reach a store lookup: tpl_<16 hex>_<43 chars>.
                StringBuilder id = new StringBuilder();
                for (int c = 0; c < 16; c++) {
                    id.append("0123456789abcdef".charAt(random.nextInt(16)));
                }
                StringBuilder secret = new StringBuilder();
                for (int c = 0; c < 43; c++) {
                    secret.append("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".charAt(random.nextInt(64)));
                }
                key = "tpl_" + id + "_" + secret;
            } else {
                StringBuilder junk = new StringBuilder();
                int length = 1 + random.nextInt(120);
                for (int c = 0; c < length; c++) {
                    junk.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                key = junk.toString().strip();
                if (key.isEmpty()) {
                    key = "k" + i;
                }
            }
            HttpResponse<String> response = api.tenant("/api/proxy-logs/_logs", "X-API-Key", key);
            assertThat(response.statusCode()).as(key).isEqualTo(401);
        }
    }

    @Test
    void withoutACredentialEveryKeyEndpointIs401() {
        for (String[] call : new String[][]{{"POST", KEYS}, {"GET", KEYS}, {"DELETE", KEYS + "/0123456789abcdef"}}) {
            HttpResponse<String> response = api.send(call[0], api.server.adminAddress(), call[1],
                    call[0].equals("POST") ? "{}" : null);
            ApiKeyLifecycleIT.assertUnauthorized(response);
        }
    }

    @Test
    void anUnreachableElasticsearchIs503ForKeyManagementKeyLookupsAndSearches() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        StoreConfig nowhere = new StoreConfig(java.util.List.of(URI.create("http://127.0.0.1:" + closedPort)), null,
                null, null, null, Duration.ofSeconds(1), Duration.ofSeconds(2));
        try (ElasticsearchConnection down = ElasticsearchConnection.open(nowhere, MAPPER);
             LiveApi unreachable = LiveApi.start(down, b -> b.apiKeys(new ElasticsearchApiKeyStore(down, MAPPER)))) {
            Map<String, Object> expected = errorBody(503, "Service Unavailable", "Elasticsearch is unreachable");
            HttpResponse<String> create = unreachable.send("POST", unreachable.server.adminAddress(), KEYS,
                    "{\"name\":\"n\",\"role\":\"admin\"}", ADMIN);
            HttpResponse<String> list = unreachable.admin(KEYS, ADMIN);
            HttpResponse<String> lookup = unreachable.tenant("/api/proxy-logs/_logs", "X-API-Key",
                    "tpl_0123456789abcdef_" + "a".repeat(43));
            HttpResponse<String> search = unreachable.admin("/api/proxy-logs/_logs", ADMIN);
            for (HttpResponse<String> response : java.util.List.of(create, list, lookup, search)) {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
                assertThat(json(response)).isEqualTo(expected);
            }
        }
    }
}
