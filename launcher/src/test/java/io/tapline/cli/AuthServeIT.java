package io.tapline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tapline serve} with the authentication variables, as a real process: an HS256 token from
 * {@code TAPLINE_JWT_SECRET} and an API key created through the admin listener both work on the tenant
 * listener; bad JWT settings stop the start with one line naming the variable.
 */
class AuthServeIT {

    private static final String SECRET = "launcher-it-hs256-secret-0123456789abcdef";
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void bearerTokensAndApiKeysWorkOnTheTenantListenerOfARunningServe(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        try (TaplineProcess tapline = TaplineProcess.start(Map.of("TAPLINE_DATA_DIR", data.toString(),
                "TAPLINE_API_PORT", "0", "TAPLINE_ADMIN_PORT", "0", "TAPLINE_JWT_SECRET", SECRET,
                "TAPLINE_JWT_ISSUER", "https://idp.launcher.test"), "serve")) {
            assertThat(tapline.awaitReady(Duration.ofSeconds(90))).as("ready; %s %s", tapline.stdout, tapline.stderr)
                    .isTrue();
            assertThat(tapline.stdout).anyMatch(l -> l.contains("bearer tokens") && l.contains("HS256")
                    && !l.contains(SECRET));
            String admin = Files.readString(data.resolve("admin-token")).trim();

            String token = hs256(SECRET, "tenant", List.of("proj_launcher"), "https://idp.launcher.test");
            HttpResponse<String> withToken = send("GET", tapline.tenant + "/api/proxy-logs/_logs", null,
                    "Authorization", "Bearer " + token);
            assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(200);
            HttpResponse<String> wrongIssuer = send("GET", tapline.tenant + "/api/proxy-logs/_logs", null,
                    "Authorization", "Bearer " + hs256(SECRET, "tenant", List.of("p"), "https://other"));
            assertThat(wrongIssuer.statusCode()).isEqualTo(401);

            HttpResponse<String> created = send("POST", tapline.admin + "/api/keys",
                    "{\"name\":\"agent\",\"role\":\"tenant\",\"projects\":[\"proj_launcher\"]}",
                    "X-API-Key", admin, "Content-Type", "application/json");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode key = mapper.readTree(created.body());
            HttpResponse<String> withKey = send("GET", tapline.tenant + "/api/proxy-logs/_logs", null,
                    "X-API-Key", key.path("key").asText());
            assertThat(withKey.statusCode()).isEqualTo(200);
            HttpResponse<String> listing = send("GET", tapline.admin + "/api/keys", null, "X-API-Key", admin);
            assertThat(listing.body()).contains(key.path("id").asText()).doesNotContain(key.path("key").asText());

            tapline.process.toHandle().destroy();
            tapline.awaitExit(Duration.ofSeconds(60));
        }
    }

    @Test
    void aShortSecretOrAMissingJwksFileIsOneLineNamingTheVariable(@TempDir Path dir) throws Exception {
        assertFailsWithOneLine(Map.of("TAPLINE_DATA_DIR", dir.toString(), "TAPLINE_API_PORT", "0",
                "TAPLINE_ADMIN_PORT", "0", "TAPLINE_JWT_SECRET", "short"), "TAPLINE_JWT_SECRET must be at least 32 bytes");
        assertFailsWithOneLine(Map.of("TAPLINE_DATA_DIR", dir.toString(), "TAPLINE_API_PORT", "0",
                "TAPLINE_ADMIN_PORT", "0", "TAPLINE_JWT_AUDIENCE", "x"), "TAPLINE_JWT_AUDIENCE is set, but neither");
    }

    @Test
    void badTlsOrJwksSettingsFailBeforeElasticsearchStartsWithOneLine(@TempDir Path dir) throws Exception {
        Map<String, String> base = Map.of("TAPLINE_DATA_DIR", dir.toString(), "TAPLINE_API_PORT", "0",
                "TAPLINE_ADMIN_PORT", "0");
        assertFailsWithOneLine(with(base, "TAPLINE_API_SNI_PROJECTS", "a.test=proj_a"),
                "TAPLINE_API_SNI_PROJECTS needs TLS on the tenant listener");
        assertFailsWithOneLine(with(base, "TAPLINE_API_TLS_KEYSTORE", dir.resolve("none.p12").toString()),
                "TAPLINE_API_TLS_KEYSTORE: cannot read");
        assertFailsWithOneLine(with(base, "TAPLINE_JWKS", dir.resolve("none.json").toString()),
                "TAPLINE_JWKS: cannot read");
        assertFailsWithOneLine(with(base, "TAPLINE_API_SNI_PROJECTS", "a.test"),
                "TAPLINE_API_SNI_PROJECTS: expected host=projectId");
        // None of them got as far as starting the embedded node.
        assertThat(dir.resolve("elasticsearch")).doesNotExist();
    }

    private static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> env = new java.util.HashMap<>(base);
        env.put(name, value);
        return env;
    }

    private void assertFailsWithOneLine(Map<String, String> env, String expected) throws Exception {
        try (TaplineProcess tapline = TaplineProcess.start(env, "serve")) {
            int code = tapline.awaitExit(Duration.ofSeconds(60));
            assertThat(code).isNotZero();
            List<String> err = List.copyOf(tapline.stderr);
            assertThat(err).as("stderr").hasSize(1);
            assertThat(err.get(0)).startsWith("tapline: ").contains(expected);
        }
    }

    private static String hs256(String secret, String role, List<String> projects, String issuer) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("launcher-it").audience("tapline").issuer(issuer)
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).claim("role", role)
                .claim("projects", projects).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private HttpResponse<String> send(String method, String url, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        b.headers(headers);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
