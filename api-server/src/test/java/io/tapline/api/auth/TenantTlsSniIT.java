package io.tapline.api.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.api.ApiServer;
import io.tapline.api.LiveApi;
import io.tapline.api.RunningApi;
import io.tapline.api.TestEntries;
import io.tapline.api.TestTokens;
import io.tapline.api.tls.KeyStoreTls;
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

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tenant listener over TLS with an SNI host to project map: a real handshake naming a mapped host narrows
 * a tenant to that host's project; an unmapped host leaves the credential's scope; a credential that does not
 * cover the host's project is refused.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantTlsSniIT {

    private static final String LOGS = "/api/proxy-logs/_logs";
    private static final String PASSWORD = "changeit";
    private final ObjectMapper mapper = new ObjectMapper();
    private ElasticsearchConnection connection;
    private Path dir;
    private Path keyStore;
    private SSLContext client;
    private LiveApi api;

    @BeforeAll
    void start(URI es) throws Exception {
        connection = LiveApi.connect(es);
        new SchemaInstaller(connection, mapper, "30d").install();
        new BulkIndexer(connection, mapper).index(List.of(TestEntries.record(9_301, "sni-a"),
                TestEntries.record(9_302, "sni-b"), TestEntries.record(9_303, "sni-b")));
        new ElasticsearchStore(connection).refresh();
        dir = Files.createTempDirectory("tenant-tls");
        keyStore = dir.resolve("tenant.p12");
        generateKeyStore(keyStore);
        client = clientTrusting(keyStore);
        api = LiveApi.start(connection, b -> b.jwt(TestTokens.settings())
                .tenantTls(KeyStoreTls.fromPkcs12(keyStore, PASSWORD))
                .sniProjects(SniProjects.parse("a.tenant.test=sni-a, B.Tenant.Test=sni-b")));
    }

    @AfterAll
    void stop() throws Exception {
        if (api != null) {
            api.close();
        }
        connection.close();
        if (dir != null) {
            Files.deleteIfExists(keyStore);
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void aMappedHostNarrowsATenantToThatHostsProject() throws Exception {
        String both = TestTokens.tenant("both", "sni-a", "sni-b");

        assertThat(projects(get("a.tenant.test", LOGS, both))).containsOnly("sni-a").hasSize(1);
        assertThat(projects(get("b.tenant.test", LOGS, both))).containsOnly("sni-b").hasSize(2);
        assertThat(status(get("a.tenant.test", LOGS + "?projectId=sni-b", both))).isEqualTo(403);
    }

    @Test
    void aCredentialThatDoesNotCoverTheHostsProjectIsRefused() throws Exception {
        String response = get("a.tenant.test", LOGS, TestTokens.tenant("b-only", "sni-b"));

        assertThat(status(response)).isEqualTo(403);
        assertThat(body(response)).isEqualTo(
                "{\"statusCode\":403,\"error\":\"Forbidden\",\"message\":\"Caller is not permitted to read logs for this scope\"}");
    }

    @Test
    void anUnmappedHostLeavesTheCredentialsOwnScope() throws Exception {
        String both = TestTokens.tenant("both", "sni-a", "sni-b");

        assertThat(projects(get("localhost", LOGS, both))).containsOnly("sni-a", "sni-b").hasSize(3);
    }

    @Test
    void theAdminListenerStaysOnPlainHttp() {
        assertThat(api.admin(LOGS, "X-API-Key", RunningApi.ADMIN_TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void anSniMapWithoutTlsIsRefusedAtBuild() {
        assertThatThrownBy(() -> ApiServer.builder().store(new ElasticsearchStore(connection))
                .entryRenderer(io.tapline.schema.ApiCodec::toEntry).adminToken("t")
                .sniProjects(SniProjects.parse("a.tenant.test=sni-a")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TAPLINE_API_SNI_PROJECTS");
    }

    /** One HTTPS GET over a raw TLS socket whose handshake names {@code sniHost}; the whole response text. */
    private String get(String sniHost, String path, String token) throws Exception {
        // Layered over a plain socket so that the TLS peer is named sniHost, as for a real client of that host
        // (its TLS sessions are cached and resumed per host name, never across hosts).
        java.net.Socket tcp = new java.net.Socket("127.0.0.1", api.server.tenantAddress().getPort());
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(tcp, sniHost,
                api.server.tenantAddress().getPort(), true)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(sniHost)));
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(20_000);
            socket.startHandshake();
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + sniHost
                    + "\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    private List<String> projects(String response) throws Exception {
        assertThat(status(response)).as(response).isEqualTo(200);
        List<String> projects = new ArrayList<>();
        for (JsonNode entry : mapper.readTree(body(response)).path("entries")) {
            projects.add(entry.path("projectId").asText());
        }
        return projects;
    }

    /** A PKCS#12 store with a self-signed EC certificate for the test host names, made by the JDK's keytool. */
    private static void generateKeyStore(Path file) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "tenant", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=tapline-tenant-test", "-validity", "2",
                "-ext", "SAN=dns:a.tenant.test,dns:b.tenant.test,dns:localhost", "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }

    private static SSLContext clientTrusting(Path file) throws Exception {
        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            server.load(in, PASSWORD.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("tenant", server.getCertificate("tenant"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
