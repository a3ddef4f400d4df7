package io.tapline.api.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.api.LiveApi;
import io.tapline.api.RunningApi;
import io.tapline.api.TestTokens;
import io.tapline.api.keys.ApiKeysEndpoint;
import io.tapline.api.keys.ElasticsearchApiKeyStore;
import io.tapline.api.limit.EndpointGroup;
import io.tapline.api.limit.RateLimit;
import io.tapline.api.limit.RateLimitConfig;
import io.tapline.api.stats.AggregateRoutes;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.SchemaInstaller;
import io.tapline.store.aggregate.ElasticsearchAggregates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.tapline.api.RunningApi.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/openapi.json} describes the server as it is: every documented parameter is one its endpoint's
 * parser accepts, and every parameter name a parser accepts is documented for that endpoint (probed over HTTP
 * with names from every endpoint and from the seeds); every documented path is routed.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentIT {

    /** Names no endpoint should take, mixed with names other endpoints or the seeds use. */
    private static final List<String> EXTRA_NAMES = List.of("pod_name", "stream", "container", "from", "to", "q",
            "sort", "order", "page", "size", "projectID", "project_id", "levels", "format ", "Last-Event-ID", "id",
            "key", "callback", "_", "");

    private ElasticsearchConnection connection;
    private LiveApi api;
    private Map<String, Object> doc;

    @BeforeAll
    void start(URI es) {
        connection = LiveApi.connect(es);
        new SchemaInstaller(connection, new ObjectMapper(), "30d").install();
        api = LiveApi.start(connection, b -> b.jwt(TestTokens.settings())
                .apiKeys(new ElasticsearchApiKeyStore(connection, new ObjectMapper()))
                .aggregates(new ElasticsearchAggregates(connection))
                .rateLimits(RateLimitConfig.defaults().with(EndpointGroup.SEARCH, RateLimit.perMinute(100_000))
                        .with(EndpointGroup.STATS, RateLimit.perMinute(100_000))
                        .with(EndpointGroup.STREAM, RateLimit.perMinute(100_000))));
        HttpResponse<String> response = api.tenant(ApiCatalog.OPENAPI_PATH);
        assertThat(response.statusCode()).isEqualTo(200);
        doc = json(response);
    }

    @AfterAll
    void stop() {
        api.close();
        connection.close();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> paths() {
        return (Map<String, Map<String, Object>>) (Map<?, ?>) doc.get("paths");
    }

    @SuppressWarnings("unchecked")
    private List<String> documentedQueryParameters(String path) {
        Map<String, Object> get = (Map<String, Object>) paths().get(path).get("get");
        List<Map<String, Object>> parameters = (List<Map<String, Object>>) get.getOrDefault("parameters", List.of());
        return parameters.stream().filter(p -> "query".equals(p.get("in"))).map(p -> (String) p.get("name")).toList();
    }

    @Test
    void isAnOpenApi31DocumentServedOnBothListenersWithoutACredential() {
        assertThat(doc).containsEntry("openapi", "3.1.0");
        assertThat(api.admin(ApiCatalog.OPENAPI_PATH).statusCode()).isEqualTo(200);
        assertThat(api.admin(ApiCatalog.OPENAPI_PATH).headers().firstValue("Content-Type")).hasValue("application/json");
        @SuppressWarnings("unchecked")
        Map<String, Object> components = (Map<String, Object>) doc.get("components");
        @SuppressWarnings("unchecked")
        Map<String, Object> schemas = (Map<String, Object>) components.get("schemas");
        @SuppressWarnings("unchecked")
        Map<String, Object> security = (Map<String, Object>) components.get("securitySchemes");
        assertThat(schemas).containsKeys("Error", "LogEntry", "LogsPage", "CursorPage");
        assertThat(security).containsKeys("apiKey", "bearer");
    }

    @Test
    void documentsEveryEndpointThatExists() {
        Set<String> expected = new TreeSet<>(List.of("/api/status", "/api/version", ApiCatalog.OPENAPI_PATH,
                ApiCatalog.LOGS, ApiCatalog.STREAM, ApiKeysEndpoint.PATH, ApiKeysEndpoint.KEY_PATH, "/metrics"));
        expected.addAll(AggregateRoutes.of(new ElasticsearchAggregates(connection), null, java.time.Clock.systemUTC())
                .byPath().keySet());
        assertThat(paths().keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(paths().get(ApiKeysEndpoint.PATH).keySet()).containsExactlyInAnyOrder("get", "post");
        assertThat(paths().get(ApiKeysEndpoint.KEY_PATH).keySet()).containsExactly("delete");
        for (String path : paths().keySet()) {
            String concrete = path.replace("{id}", "no-such-key");
            for (String method : paths().get(path).keySet()) {
                HttpResponse<String> response = api.send(method.toUpperCase(), api.server.adminAddress(),
                        concrete.equals(ApiCatalog.STREAM) ? concrete + "?kind=bogus" : concrete,
                        method.equals("post") ? "{}" : null, "X-API-Key", RunningApi.ADMIN_TOKEN);
                assertThat(response.statusCode()).as(method + " " + path + ": " + response.body())
                        .isNotIn(405, 500).isNotEqualTo(concrete.contains("no-such-key") ? 0 : 404);
            }
        }
    }

    @Test
    void everyQueryParameterAParserAcceptsIsDocumentedAndEveryDocumentedOneIsAccepted() {
        Set<String> candidates = new TreeSet<>(EXTRA_NAMES);
        for (String path : paths().keySet()) {
            if (paths().get(path).containsKey("get")) {
                candidates.addAll(documentedQueryParameters(path));
            }
        }
        int probes = 0;
        for (String path : paths().keySet()) {
            if (!paths().get(path).containsKey("get") || documentedQueryParameters(path).isEmpty()) {
                continue; // status, version, this document, metrics and the key list take no parameters
            }
            List<String> documented = documentedQueryParameters(path);
            List<String> accepted = new ArrayList<>();
            for (String name : candidates) {
                // A control character and 600 more characters make a bad value for every parameter (too long for
                // any id, not a number, a word or a time): the answer is a quick 400 either way, naming the
                // parameter when the endpoint takes it and calling it unknown when it does not.
                HttpResponse<String> response = api.admin(path + "?" + java.net.URLEncoder.encode(name,
                        java.nio.charset.StandardCharsets.UTF_8) + "=%01" + "x".repeat(600), "X-API-Key",
                        RunningApi.ADMIN_TOKEN);
                assertThat(response.statusCode()).as(path + " " + name + ": " + response.body()).isEqualTo(400);
                String message = (String) json(response).get("message");
                if (!message.startsWith("unknown parameter")) {
                    accepted.add(name);
                    assertThat(message).as(path + " " + name).startsWith(name);
                }
                probes++;
            }
            assertThat(accepted).as(path).containsExactlyInAnyOrderElementsOf(documented);
        }
        assertThat(probes).isGreaterThan(100);
    }

    @Test
    void theLogsQueryDocumentsSeed004sParametersAndThoseSeeds000And003Add() {
        assertThat(documentedQueryParameters(ApiCatalog.LOGS)).containsExactlyInAnyOrder("limit", "offset",
                "projectId", "containerId", "serviceName", "level", "includeRequestBody", "includeResponseBody",
                "last", "afterId", "cursor", "kind", "method", "source", "query", "fromTimestamp", "toTimestamp",
                "since", "until", "minLevel", "format");
    }
}
