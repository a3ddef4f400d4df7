package io.tapline.api.auth;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import io.tapline.api.ApiServer;
import io.tapline.api.LiveApi;
import io.tapline.api.TestTokens;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.store.ElasticsearchConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.tapline.api.RunningApi.errorBody;
import static io.tapline.api.RunningApi.json;
import static io.tapline.api.TestTokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where RS256/ES256 keys come from: a JWKS file (re-read when it changes) and a JWKS URL served by a real
 * local HTTP server (fetched once and cached, with a timeout; a key server that is down or hangs is a 503,
 * never a 500 and never a pass).
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwksSourcesIT {

    private static final String LOGS = "/api/proxy-logs/_logs?projectId=jwks-p1";

    private final RSAKey rsa = TestTokens.newRsaKey("url-rsa");
    private final ECKey ec = TestTokens.newEcKey("url-ec");
    private ElasticsearchConnection connection;

    @BeforeAll
    void connect(URI es) {
        connection = LiveApi.connect(es);
    }

    @AfterAll
    void disconnect() {
        connection.close();
    }

    private static String tenantToken(RSAKey key) {
        return TestTokens.claims().tenant("jwks-p1").signRs256(key);
    }

    @Test
    void keysFromAJwksUrlVerifyTokensAndAreFetchedOnceNotPerRequest() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        AtomicReference<String> served = new AtomicReference<>(publicSet(rsa, ec));
        HttpServer keyServer = serve(served, fetches, null);
        try (LiveApi api = start(url(keyServer), Duration.ofSeconds(2))) {
            for (int i = 0; i < 5; i++) {
                assertThat(api.tenant(LOGS, bearer(tenantToken(rsa))).statusCode()).isEqualTo(200);
                assertThat(api.tenant(LOGS, bearer(TestTokens.claims().tenant("jwks-p1").signEs256(ec))).statusCode())
                        .isEqualTo(200);
            }
            assertThat(fetches.get()).isEqualTo(1);
            assertThat(api.tenant(LOGS, bearer(tenantToken(TestTokens.newRsaKey("url-rsa")))).statusCode())
                    .isEqualTo(401);

            // The key server goes away: keys already fetched keep working for the cache's lifetime.
            keyServer.stop(0);
            assertThat(api.tenant(LOGS, bearer(tenantToken(rsa))).statusCode()).isEqualTo(200);
        } finally {
            keyServer.stop(0);
        }
    }

    @Test
    void aKeyServerThatIsDownIsA503NotA401OrA500() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (LiveApi api = start("http://127.0.0.1:" + closedPort + "/jwks.json", Duration.ofSeconds(1))) {
            HttpResponse<String> response = api.tenant(LOGS, bearer(tenantToken(rsa)));

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(json(response)).isEqualTo(errorBody(503, "Service Unavailable",
                    "Token signing keys are unavailable; try again later"));
        }
    }

    @Test
    void aKeyServerThatHangsIsA503WithinTheTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer keyServer = serve(new AtomicReference<>(publicSet(rsa)), new AtomicInteger(), release);
        try (LiveApi api = start(url(keyServer), Duration.ofMillis(500))) {
            long started = System.nanoTime();
            HttpResponse<String> response = api.tenant(LOGS, bearer(tenantToken(rsa)));
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertThat(response.statusCode()).isEqualTo(503);
            // One retry on failure: two timeouts at most, plus slack for a loaded machine.
            assertThat(elapsedMs).isLessThan(4_000);
        } finally {
            release.countDown();
            keyServer.stop(0);
        }
    }

    @Test
    void keysFromAJwksFileAreReadAgainWhenTheFileChanges() throws Exception {
        Path file = Files.createTempFile("jwks", ".json");
        try {
            RSAKey first = TestTokens.newRsaKey("file-1");
            RSAKey second = TestTokens.newRsaKey("file-2");
            Files.writeString(file, publicSet(first));
            try (LiveApi api = start(file.toString(), Duration.ofSeconds(1))) {
                assertThat(api.tenant(LOGS, bearer(tenantToken(first))).statusCode()).isEqualTo(200);
                assertThat(api.tenant(LOGS, bearer(tenantToken(second))).statusCode()).isEqualTo(401);

                Files.writeString(file, publicSet(second));
                Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

                assertThat(api.tenant(LOGS, bearer(tenantToken(second))).statusCode()).isEqualTo(200);
                assertThat(api.tenant(LOGS, bearer(tenantToken(first))).statusCode()).isEqualTo(401);

                // A broken rewrite keeps the last good keys rather than locking everybody out.
                Files.writeString(file, "{\"keys\": [");
                Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
                assertThat(api.tenant(LOGS, bearer(tenantToken(second))).statusCode()).isEqualTo(200);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void aMissingOrEmptyJwksFileStopsTheServerFromBuildingWithTheVariableNamed() throws Exception {
        Path missing = Path.of("/nonexistent/tapline/jwks.json");
        assertThatThrownBy(() -> build(missing.toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("TAPLINE_JWKS: cannot read");
        Path empty = Files.createTempFile("jwks", ".json");
        try {
            Files.writeString(empty, "{\"keys\":[]}");
            assertThatThrownBy(() -> build(empty.toString()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no public key");
            Files.writeString(empty, "not json");
            assertThatThrownBy(() -> build(empty.toString()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a JWK set");
        } finally {
            Files.deleteIfExists(empty);
        }
    }

    private ApiServer build(String jwks) {
        return ApiServer.builder().store(new io.tapline.store.ElasticsearchStore(connection))
                .entryRenderer(io.tapline.schema.ApiCodec::toEntry).adminToken("t").tenantPort(0).adminPort(0)
                .jwt(JwtSettings.builder().jwks(jwks).build()).build();
    }

    private LiveApi start(String jwks, Duration timeout) {
        return LiveApi.start(connection, b -> b.jwt(JwtSettings.builder().jwks(jwks).jwksTimeout(timeout).build()));
    }

    private static String publicSet(JWK... keys) {
        return new JWKSet(List.of(keys)).toPublicJWKSet().toString();
    }

    private static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
    }

    /** A real JWKS endpoint; with {@code hangUntil} it accepts requests and answers only when released. */
    private static HttpServer serve(AtomicReference<String> body, AtomicInteger fetches, CountDownLatch hangUntil)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            if (hangUntil != null) {
                try {
                    hangUntil.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "jwks-test-server");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return server;
    }
}
