package io.tapline.api.auth;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import io.tapline.api.LiveApi;
import io.tapline.api.TestEntries;
import io.tapline.api.TestTokens;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.store.BulkIndexer;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.ElasticsearchStore;
import io.tapline.store.SchemaInstaller;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.tapline.api.RunningApi.errorBody;
import static io.tapline.api.RunningApi.json;
import static io.tapline.api.TestTokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bearer tokens over real HTTP against an API on the embedded Elasticsearch node, configured as in production
 * with an HS256 secret, a JWKS file of RS256 and ES256 public keys, and a required issuer: valid tokens get
 * their scope, and every forged, stale or misdirected token gets a 401 in the seed's error shape.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwtAttacksIT {

    private static final String LOGS = "/api/proxy-logs/_logs";
    private static final String ISSUER = "https://idp.jwt-attacks.test";
    private static final String P1 = "jwtit-p1";
    private static final String P2 = "jwtit-p2";

    private final RSAKey rsa = TestTokens.newRsaKey("rsa-1");
    private final ECKey ec = TestTokens.newEcKey("ec-1");
    private ElasticsearchConnection connection;
    private LiveApi api;
    private Path jwks;

    @BeforeAll
    void start(URI es) throws Exception {
        connection = LiveApi.connect(es);
        new SchemaInstaller(connection, new com.fasterxml.jackson.databind.ObjectMapper(), "30d").install();
        new BulkIndexer(connection, new com.fasterxml.jackson.databind.ObjectMapper()).index(List.of(
                TestEntries.record(9_101, P1), TestEntries.record(9_102, P1), TestEntries.record(9_103, P2)));
        new ElasticsearchStore(connection).refresh();
        jwks = Files.createTempFile("jwks", ".json");
        Files.writeString(jwks, new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString());
        api = LiveApi.start(connection, b -> b.jwt(JwtSettings.builder().secret(TestTokens.SECRET)
                .jwks(jwks.toString()).issuer(ISSUER).build()));
    }

    @AfterAll
    void stop() throws Exception {
        api.close();
        connection.close();
        Files.deleteIfExists(jwks);
    }

    private static TestTokens.Claims valid() {
        return TestTokens.claims().issuer(ISSUER).tenant(P1);
    }

    @Test
    void aValidTenantTokenOfEachAlgorithmReadsOnlyItsProject() {
        for (String token : List.of(valid().signHs256(TestTokens.SECRET), valid().signRs256(rsa),
                valid().signEs256(ec))) {
            HttpResponse<String> response = api.tenant(LOGS, bearer(token));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(projectsOf(response)).containsOnly(P1).hasSize(2);
        }
    }

    @Test
    void aTenantTokenAskingForAnotherProjectIs403() {
        HttpResponse<String> response = api.tenant(LOGS + "?projectId=" + P2, bearer(valid().signRs256(rsa)));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response)).isEqualTo(errorBody(403, "Forbidden",
                "Caller is not permitted to read logs for this scope"));
    }

    @Test
    void anAdminTokenReadsEveryProjectOnTheAdminListenerAndIsRefusedOnTheTenantListener() {
        String token = TestTokens.claims().issuer(ISSUER).role("admin").signEs256(ec);

        HttpResponse<String> admin = api.admin(LOGS + "?projectId=" + P2, bearer(token));
        HttpResponse<String> tenant = api.tenant(LOGS, bearer(token));

        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(projectsOf(admin)).containsOnly(P2);
        assertThat(tenant.statusCode()).isEqualTo(403);
        assertThat(json(tenant).get("message")).isEqualTo("Admin credentials are accepted on the admin listener only");
    }

    @Test
    void aTenantTokenOnTheAdminListenerIs403() {
        HttpResponse<String> response = api.admin(LOGS, bearer(valid().signHs256(TestTokens.SECRET)));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response)).isEqualTo(errorBody(403, "Forbidden",
                "The admin listener accepts admin credentials only"));
    }

    @Test
    void algNoneIsRejected() {
        assertRejected(valid().unsigned(), "Bearer token must be signed with an accepted algorithm");
        // The same, dressed up with a signature part and an "alg":"none" header written by hand.
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = valid().signHs256(TestTokens.SECRET).split("\\.")[1];
        assertRejected(header + "." + payload + ".", "Bearer token must be signed with an accepted algorithm");
        assertRejected(header + "." + payload + ".c2ln", "Bearer token is malformed");
    }

    @Test
    void tokensSignedWithAnyOtherKeyAreRejected() {
        String signature = "Bearer token signature or algorithm is not accepted";
        assertRejected(valid().signHs256("another-secret-of-at-least-32-bytes-length!"), signature);
        assertRejected(valid().signRs256(TestTokens.newRsaKey("rsa-1")), signature);
        assertRejected(valid().signRs256(TestTokens.newRsaKey("unknown-kid")), signature);
        assertRejected(valid().signEs256(TestTokens.newEcKey("ec-1")), signature);
    }

    @Test
    void hs256SignedWithTheRsaPublicKeyIsRejected() throws Exception {
        // The classic confusion: the attacker knows the public key and uses its bytes as an HMAC secret.
        byte[] der = rsa.toRSAPublicKey().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
        String signature = "Bearer token signature or algorithm is not accepted";
        assertRejected(valid().signHs256(der), signature);
        assertRejected(valid().signHs256(pem), signature);
        assertRejected(valid().signHs256(rsa.toPublicJWK().toJSONString()), signature);
        // And the same against a server that has no HS256 secret at all, only the JWKS.
        try (LiveApi jwksOnly = LiveApi.start(connection,
                b -> b.jwt(JwtSettings.builder().jwks(jwks.toString()).issuer(ISSUER).build()))) {
            for (String token : List.of(valid().signHs256(der), valid().signHs256(pem))) {
                HttpResponse<String> response = jwksOnly.tenant(LOGS, bearer(token));
                assertThat(response.statusCode()).isEqualTo(401);
            }
            assertThat(jwksOnly.tenant(LOGS, bearer(valid().signRs256(rsa))).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void rs256HeaderOverAnEcKeyAndEs256HeaderOverAnRsaKeyAreRejected() {
        // A token whose header claims one algorithm but was signed for the other key kind.
        String es = valid().signEs256(ec);
        String rs = valid().signRs256(rsa);
        String rsHeaderOnEsToken = b64("{\"alg\":\"RS256\",\"kid\":\"ec-1\"}") + es.substring(es.indexOf('.'));
        String esHeaderOnRsToken = b64("{\"alg\":\"ES256\",\"kid\":\"rsa-1\"}") + rs.substring(rs.indexOf('.'));
        assertRejected(rsHeaderOnEsToken, "Bearer token signature or algorithm is not accepted");
        assertRejected(esHeaderOnRsToken, "Bearer token signature or algorithm is not accepted");
    }

    @Test
    void expiredAndNotYetValidTokensAreRejectedBeyondTheClockSkew() {
        assertRejected(valid().expiresAt(Instant.now().minus(Duration.ofMinutes(2))).signRs256(rsa),
                "Bearer token has expired");
        assertRejected(valid().notBefore(Instant.now().plus(Duration.ofMinutes(2))).signRs256(rsa),
                "Bearer token is not valid yet (nbf)");
        assertRejected(valid().remove("exp").signRs256(rsa), "Bearer token has no expiry (exp)");
        // Within the 30 s skew both still pass: clocks of issuer and server never agree exactly.
        String justExpired = valid().expiresAt(Instant.now().minusSeconds(5)).signRs256(rsa);
        String almostValid = valid().notBefore(Instant.now().plusSeconds(5)).signRs256(rsa);
        assertThat(api.tenant(LOGS, bearer(justExpired)).statusCode()).isEqualTo(200);
        assertThat(api.tenant(LOGS, bearer(almostValid)).statusCode()).isEqualTo(200);
    }

    @Test
    void wrongOrMissingAudienceAndIssuerAreRejected() {
        assertRejected(valid().audience("another-service").signRs256(rsa), "Bearer token audience (aud) is not accepted");
        assertRejected(valid().remove("aud").signRs256(rsa), "Bearer token audience (aud) is not accepted");
        assertRejected(valid().issuer("https://evil.test").signRs256(rsa), "Bearer token issuer (iss) is not accepted");
        assertRejected(valid().remove("iss").signRs256(rsa), "Bearer token issuer (iss) is not accepted");
        assertThat(api.tenant(LOGS, bearer(valid().audience("other", "tapline").signRs256(rsa))).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aTamperedPayloadIsRejected() {
        String token = valid().signRs256(rsa);
        String[] parts = token.split("\\.");
        String widened = b64(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"" + P1 + "\"", "\"" + P1 + "\",\"" + P2 + "\""));
        assertThat(widened).isNotEqualTo(parts[1]);

        assertRejected(parts[0] + "." + widened + "." + parts[2], "Bearer token signature or algorithm is not accepted");
        assertRejected(parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA",
                "Bearer token signature or algorithm is not accepted");
    }

    @Test
    void missingOrMalformedRoleSubjectAndProjectsAreRejected() {
        String role = "Bearer token claim 'role' must be \"admin\" or \"tenant\"";
        String projects = "Bearer token claim 'projects' must be an array of project ids";
        assertRejected(valid().remove("role").signRs256(rsa), role);
        assertRejected(valid().role("superuser").signRs256(rsa), role);
        assertRejected(valid().role("ADMIN").signRs256(rsa), role);
        assertRejected(valid().remove("projects").signRs256(rsa), projects);
        assertRejected(valid().set("projects", P1).signRs256(rsa), projects);
        assertRejected(valid().set("projects", List.of(P1, 7)).signRs256(rsa), projects);
        assertRejected(valid().set("projects", List.of("../" + P1)).signRs256(rsa), projects);
        assertRejected(valid().remove("sub").signRs256(rsa), "Bearer token has no subject (sub)");
    }

    @Test
    void garbageInTheAuthorizationHeaderIsA401NotA500() {
        assertRejected("not-a-jwt", "Bearer token is malformed");
        assertRejected("a.b.c", "Bearer token is malformed");
        assertRejected("x".repeat(9000), "Bearer token is too long");
        HttpResponse<String> empty = api.tenant(LOGS, "Authorization", "Bearer ");
        assertThat(empty.statusCode()).isEqualTo(401);
        HttpResponse<String> basic = api.tenant(LOGS, "Authorization", "Basic dXNlcjpwYXNz");
        assertThat(json(basic)).isEqualTo(errorBody(401, "Unauthorized", "Missing or invalid credential"));
    }

    @Test
    void otherAlgorithmsEncryptedTokensAndWronglyTypedClaimsAreAll401() {
        String payload = valid().signHs256(TestTokens.SECRET).split("\\.")[1];
        for (String alg : List.of("HS384", "HS512", "RS512", "PS256", "ES384", "ES256K", "EdDSA", "none", "NONE",
                "", "HS256\u0000")) {
            String header = b64("{\"alg\":\"" + alg + "\"}");
            assertThat(api.tenant(LOGS, bearer(header + "." + payload + ".c2lnbmF0dXJl")).statusCode())
                    .as(alg).isEqualTo(401);
        }
        // A JWE (five parts): Tapline takes signed tokens only.
        String jwe = b64("{\"alg\":\"dir\",\"enc\":\"A128GCM\"}") + "..aXY.Y2lwaGVy.dGFn";
        assertThat(api.tenant(LOGS, bearer(jwe)).statusCode()).isEqualTo(401);
        // Correctly signed, but claims of the wrong JSON type.
        for (TestTokens.Claims claims : List.of(valid().set("exp", "tomorrow"), valid().set("sub", List.of("x")),
                valid().set("aud", Map.of("x", 1)), valid().set("nbf", List.of(1)), valid().set("role", List.of("admin")))) {
            HttpResponse<String> response = api.tenant(LOGS, bearer(claims.signHs256(TestTokens.SECRET)));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        }
    }

    @Test
    void thousandsOfRandomTokensAreAll401NeverA500() {
        java.util.Random random = new java.util.Random(42);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \u00e9{}\"";
        for (int i = 0; i < 2000; i++) {
            StringBuilder token = new StringBuilder();
            int length = 1 + random.nextInt(300);
            for (int c = 0; c < length; c++) {
                token.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String presented = token.toString().strip();
            if (presented.isEmpty() || presented.chars().anyMatch(ch -> ch > 126)) {
                presented = "x" + i;
            }
            int status = api.tenant(LOGS, bearer(presented)).statusCode();
            assertThat(status).as(presented).isEqualTo(401);
        }
    }

    @Test
    void noRejectionRevealsTheSecretOrTheConfiguredIssuer() {
        HttpResponse<String> response = api.tenant(LOGS, bearer(valid().issuer("x").signHs256("z".repeat(40))));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain(TestTokens.SECRET, ISSUER, "Exception", "nimbus");
    }

    private void assertRejected(String token, String message) {
        HttpResponse<String> response = api.tenant(LOGS, bearer(token));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(json(response)).isEqualTo(errorBody(401, "Unauthorized", message));
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"tapline\", error=\"invalid_token\"");
    }

    @SuppressWarnings("unchecked")
    private static List<String> projectsOf(HttpResponse<String> response) {
        return ((List<Map<String, Object>>) json(response).get("entries")).stream()
                .map(e -> (String) e.get("projectId")).toList();
    }

    private static String b64(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
