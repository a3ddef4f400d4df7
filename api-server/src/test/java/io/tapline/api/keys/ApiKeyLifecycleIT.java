package io.tapline.api.keys;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.api.LiveApi;
import io.tapline.api.RunningApi;
import io.tapline.api.TestEntries;
import io.tapline.api.TestTokens;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.store.BulkIndexer;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.ElasticsearchStore;
import io.tapline.store.SchemaInstaller;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.tapline.api.RunningApi.errorBody;
import static io.tapline.api.RunningApi.json;
import static io.tapline.api.TestTokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * API keys end to end over real HTTP, stored in the embedded Elasticsearch node: created once by an admin,
 * used by a machine, listed without secrets, revoked (at once on the replica that revoked it, within the cache
 * TTL on another replica), still valid after a restart; tenants never manage keys.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeyLifecycleIT {

    static final String KEYS = "/api/keys";
    private static final String LOGS = "/api/proxy-logs/_logs";
    private static final String ADMIN = RunningApi.ADMIN_TOKEN;
    private static final Duration TTL = Duration.ofMillis(1500);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ElasticsearchConnection connection;

    @BeforeAll
    void start(URI es) {
        connection = LiveApi.connect(es);
        new SchemaInstaller(connection, MAPPER, "30d").install();
        new BulkIndexer(connection, MAPPER).index(List.of(TestEntries.record(9_201, "keyit-a"),
                TestEntries.record(9_202, "keyit-a"), TestEntries.record(9_203, "keyit-b")));
        new ElasticsearchStore(connection).refresh();
    }

    @AfterAll
    void stop() {
        connection.close();
    }

    LiveApi replica() {
        return LiveApi.start(connection, b -> b.apiKeys(new ElasticsearchApiKeyStore(connection, MAPPER))
                .apiKeyCacheTtl(TTL).jwt(TestTokens.settings()));
    }

    static HttpResponse<String> create(LiveApi api, String body, String... credential) {
        return api.send("POST", api.server.adminAddress(), KEYS, body,
                credential.length == 0 ? new String[]{"X-API-Key", ADMIN} : credential);
    }

    static String createTenantKey(LiveApi api, String name, String... projects) {
        HttpResponse<String> created = create(api, "{\"name\":\"" + name + "\",\"role\":\"tenant\",\"projects\":"
                + toJson(List.of(projects)) + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return (String) json(created).get("key");
    }

    @Test
    void anAdminCreatesATenantKeyThatIsShownOnceAndReadsOnlyItsProject() {
        try (LiveApi api = replica()) {
            HttpResponse<String> created = create(api,
                    "{\"name\":\"edge agent 7\",\"role\":\"tenant\",\"projects\":[\"keyit-a\"]}");

            assertThat(created.statusCode()).isEqualTo(201);
            Map<String, Object> body = json(created);
            assertThat(body).containsOnlyKeys("id", "name", "role", "projects", "created", "revoked", "key");
            assertThat(body).containsEntry("name", "edge agent 7").containsEntry("role", "tenant")
                    .containsEntry("projects", List.of("keyit-a")).containsEntry("revoked", false);
            String key = (String) body.get("key");
            assertThat(key).matches("tpl_" + body.get("id") + "_[A-Za-z0-9_-]{43}");
            assertThat(created.headers().firstValue("Location")).hasValue(KEYS + "/" + body.get("id"));

            HttpResponse<String> logs = api.tenant(LOGS, "X-API-Key", key);
            assertThat(logs.statusCode()).isEqualTo(200);
            assertThat(logs.body()).contains("keyit-a").doesNotContain("keyit-b");
            assertThat(api.tenant(LOGS + "?projectId=keyit-b", "X-API-Key", key).statusCode()).isEqualTo(403);
            // A tenant key is a tenant credential: not welcome on the admin listener.
            assertThat(api.admin(LOGS, "X-API-Key", key).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void theListingShowsEveryKeyButNeverItsSecretSaltOrHash() {
        try (LiveApi api = replica()) {
            String key = createTenantKey(api, "listed", "keyit-a");
            String id = key.substring(4, 20);
            assertThat(api.tenant(LOGS, "X-API-Key", key).statusCode()).isEqualTo(200);

            HttpResponse<String> listing = api.admin(KEYS, "X-API-Key", ADMIN);

            assertThat(listing.statusCode()).isEqualTo(200);
            assertThat(listing.body()).doesNotContain(key.substring(21), "salt", "hash", "\"key\"");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) json(listing).get("items");
            assertThat(json(listing).get("total")).isEqualTo(items.size());
            Map<String, Object> mine = items.stream().filter(i -> id.equals(i.get("id"))).findFirst().orElseThrow();
            assertThat(mine).containsEntry("name", "listed").containsEntry("revoked", false)
                    .containsKeys("created", "projects", "role");
        }
    }

    @Test
    void lastUsedIsRecordedAfterTheKeyAuthenticatesARequest() throws Exception {
        try (LiveApi api = replica()) {
            String key = createTenantKey(api, "used", "keyit-a");
            String id = key.substring(4, 20);
            assertThat(listed(api, id)).doesNotContainKey("lastUsed");

            assertThat(api.tenant(LOGS, "X-API-Key", key).statusCode()).isEqualTo(200);

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!listed(api, id).containsKey("lastUsed") && System.nanoTime() < deadline) {
                Thread.sleep(100);
                connection.restClient().performRequest(new Request("POST", "/" + ElasticsearchApiKeyStore.INDEX
                        + "/_refresh"));
            }
            assertThat(listed(api, id)).containsKey("lastUsed");
        }
    }

    @Test
    void aRevokedKeyFailsAtOnceOnItsReplicaAndWithinTheCacheTtlOnAnother() throws Exception {
        try (LiveApi first = replica(); LiveApi second = replica()) {
            String key = createTenantKey(first, "to revoke", "keyit-a");
            String id = key.substring(4, 20);
            assertThat(first.tenant(LOGS, "X-API-Key", key).statusCode()).isEqualTo(200);
            assertThat(second.tenant(LOGS, "X-API-Key", key).statusCode()).isEqualTo(200);

            HttpResponse<String> revoked = first.send("DELETE", first.server.adminAddress(), KEYS + "/" + id, null,
                    "X-API-Key", ADMIN);
            long revokedAt = System.nanoTime();

            assertThat(revoked.statusCode()).isEqualTo(204);
            assertThat(revoked.body()).isEmpty();
            assertUnauthorized(first.tenant(LOGS, "X-API-Key", key));
            long deadline = revokedAt + TTL.toNanos() + Duration.ofMillis(500).toNanos();
            int status;
            do {
                status = second.tenant(LOGS, "X-API-Key", key).statusCode();
            } while (status == 200 && System.nanoTime() < deadline);
            assertThat(status).as("revocation seen by the other replica within the TTL").isEqualTo(401);
            assertThat(listed(first, id)).containsEntry("revoked", true).containsKey("revokedAt");
            // Revoking again is harmless and keeps the first revocation time.
            Object firstTime = listed(first, id).get("revokedAt");
            assertThat(first.send("DELETE", first.server.adminAddress(), KEYS + "/" + id, null, "X-API-Key", ADMIN)
                    .statusCode()).isEqualTo(204);
            assertThat(listed(first, id).get("revokedAt")).isEqualTo(firstTime);
        }
    }

    @Test
    void aKeyOutlivesARestartOfTheServer() {
        String key;
        try (LiveApi api = replica()) {
            key = createTenantKey(api, "survivor", "keyit-a");
        }
        try (LiveApi restarted = replica()) {
            assertThat(restarted.tenant(LOGS, "X-API-Key", key).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anAdminKeyWorksOnTheAdminListenerOnlyAndCanManageKeys() {
        try (LiveApi api = replica()) {
            HttpResponse<String> created = create(api, "{\"name\":\"ops robot\",\"role\":\"admin\"}");
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(json(created)).containsEntry("projects", List.of());
            String adminKey = (String) json(created).get("key");

            assertThat(api.admin(LOGS + "?projectId=keyit-b", "X-API-Key", adminKey).statusCode()).isEqualTo(200);
            assertThat(api.admin(KEYS, "X-API-Key", adminKey).statusCode()).isEqualTo(200);
            assertThat(create(api, "{\"name\":\"child\",\"role\":\"tenant\",\"projects\":[\"keyit-a\"]}",
                    "X-API-Key", adminKey).statusCode()).isEqualTo(201);
            assertThat(api.tenant(LOGS, "X-API-Key", adminKey).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void tenantsCannotCreateListOrRevokeKeysWithAnyCredentialOnAnyListener() {
        try (LiveApi api = replica()) {
            String tenantKey = createTenantKey(api, "tenant", "keyit-a");
            String id = tenantKey.substring(4, 20);
            String body = "{\"name\":\"escalate\",\"role\":\"admin\"}";
            for (String[] credential : List.of(new String[]{"X-API-Key", tenantKey},
                    bearer(TestTokens.tenant("mallory", "keyit-a")))) {
                for (var listener : List.of(api.server.tenantAddress(), api.server.adminAddress())) {
                    assertThat(api.send("POST", listener, KEYS, body, credential).statusCode()).isEqualTo(403);
                    assertThat(api.send("GET", listener, KEYS, null, credential).statusCode()).isEqualTo(403);
                    assertThat(api.send("DELETE", listener, KEYS + "/" + id, null, credential).statusCode())
                            .isEqualTo(403);
                }
            }
            HttpResponse<String> onTenant = api.send("POST", api.server.tenantAddress(), KEYS, body,
                    "X-API-Key", tenantKey);
            assertThat(json(onTenant)).isEqualTo(errorBody(403, "Forbidden",
                    "This endpoint requires an admin credential"));
            assertThat(api.tenant(LOGS, "X-API-Key", tenantKey).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void wrongKeysAreAll401WithoutSayingWhichPartWasWrong() {
        try (LiveApi api = replica()) {
            String key = createTenantKey(api, "guessed", "keyit-a");
            String wrongSecret = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");
            String unknownId = "tpl_0000000000000000" + key.substring(20);
            for (String presented : List.of(wrongSecret, unknownId, "tpl_", "tpl_x_y", key + "x", key.toUpperCase(),
                    "anything")) {
                assertUnauthorized(api.tenant(LOGS, "X-API-Key", presented));
            }
            // A wrong key is not rescued by a valid bearer token riding along.
            assertUnauthorized(api.tenant(LOGS, concat(new String[]{"X-API-Key", wrongSecret},
                    bearer(TestTokens.tenant("t", "keyit-a")))));
        }
    }

    @Test
    void theKeyIndexHasAStrictMappingOutsideTheLogIndexPattern() throws Exception {
        try (LiveApi api = replica()) {
            createTenantKey(api, "mapping", "keyit-a");
        }
        var response = connection.restClient().performRequest(new Request("GET", "/" + ElasticsearchApiKeyStore.INDEX
                + "/_mapping"));
        var mapping = MAPPER.readTree(EntityUtils.toString(response.getEntity()))
                .path(ElasticsearchApiKeyStore.INDEX).path("mappings");
        assertThat(mapping.path("dynamic").asText()).isEqualTo("strict");
        assertThat(ElasticsearchApiKeyStore.INDEX).doesNotStartWith("tapline-logs-");
        var logIndices = connection.restClient().performRequest(new Request("GET", "/_cat/indices/tapline-logs-*"
                + "?h=index&expand_wildcards=all"));
        assertThat(EntityUtils.toString(logIndices.getEntity())).doesNotContain(ElasticsearchApiKeyStore.INDEX);
    }

    private Map<String, Object> listed(LiveApi api, String id) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) json(api.admin(KEYS, "X-API-Key", ADMIN))
                .get("items");
        return items.stream().filter(i -> id.equals(i.get("id"))).findFirst().orElseThrow();
    }

    static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(json(response)).isEqualTo(errorBody(401, "Unauthorized", "Missing or invalid credential"));
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
