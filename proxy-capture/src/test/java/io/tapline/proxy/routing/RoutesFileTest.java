package io.tapline.proxy.routing;

import io.tapline.redact.RedactionRules;
import io.tapline.schema.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutesFileTest {

    @Test
    void parsesTheDesignDocumentExampleIntoExpectedRecords() {
        ProxyConfig config = RoutesFile.parse("""
                routes:
                  - name: user-api                      # unique
                    match: { host: API.Example.com, pathPrefix: /v1/users }
                    upstreams: [http://127.0.0.1:9001, http://127.0.0.1:9002]
                    projectId: proj_a1b2c3d4
                    containerId: cnt_x9y8z7w6
                    serviceName: user-api
                    source: backend
                    capture: { enabled: true, requestBody: true, responseBody: false, maxBodyBytes: 4096 }
                    timeouts: { connectMs: 500, responseMs: 10000 }
                  - name: edge
                    upstreams: [http://edge.internal]
                    projectId: proj_a1b2c3d4
                    source: edge
                trustedProxies: [10.0.0.0/8, 192.168.1.7, "fd00::/8"]
                redaction:
                  headers: [X-Session]
                  queryParams: [sessionId]
                  jsonFields: [pin]
                """, "routes.yaml");

        assertThat(config.routes()).containsExactly(
                new Route("user-api", "api.example.com", "/v1/users",
                        List.of(URI.create("http://127.0.0.1:9001"), URI.create("http://127.0.0.1:9002")),
                        "proj_a1b2c3d4", "cnt_x9y8z7w6", "user-api", Source.BACKEND,
                        new Route.Capture(true, true, false, 4096), new Route.Timeouts(500, 10_000)),
                new Route("edge", null, null, List.of(URI.create("http://edge.internal:80")), "proj_a1b2c3d4", null,
                        "edge", Source.EDGE, Route.Capture.defaults(), Route.Timeouts.defaults()));
        assertThat(config.trustedProxies()).containsExactly(
                Cidr.parse("10.0.0.0/8"), Cidr.parse("192.168.1.7/32"), Cidr.parse("fd00::/8"));
        assertThat(config.redaction().headers()).contains("x-session", "authorization");
        assertThat(config.redaction().queryParams()).contains("sessionid", "token");
        assertThat(config.redaction().jsonFields()).contains("pin", "password");
        assertThat(config.tls()).isNull();
    }

    @Test
    void appliesDefaultsToAMinimalRoute() {
        ProxyConfig config = RoutesFile.parse("""
                routes:
                  - name: r
                    upstreams: [http://localhost:8081/]
                    projectId: p
                """, "routes.yaml");
        Route route = config.routes().get(0);
        assertThat(route.host()).isNull();
        assertThat(route.pathPrefix()).isNull();
        assertThat(route.upstreams()).containsExactly(URI.create("http://localhost:8081"));
        assertThat(route.containerId()).isNull();
        assertThat(route.serviceName()).isEqualTo("r");
        assertThat(route.source()).isEqualTo(Source.BACKEND);
        assertThat(route.capture()).isEqualTo(new Route.Capture(true, false, false, 16_384));
        assertThat(route.timeouts()).isEqualTo(new Route.Timeouts(2_000, 30_000));
        assertThat(config.trustedProxies()).isEmpty();
        assertThat(config.redaction()).isEqualTo(RedactionRules.defaults());
    }

    @Test
    void replacesTheDefaultRedactionListsWhenAsked() {
        ProxyConfig config = RoutesFile.parse("""
                routes: [{name: r, upstreams: ["http://h:1"], projectId: p}]
                redaction: {replaceDefaults: true, headers: [x-only], jsonFields: [Only]}
                """, "routes.yaml");
        assertThat(config.redaction()).isEqualTo(new RedactionRules(
                java.util.Set.of("x-only"), java.util.Set.of(), java.util.Set.of("only")));
    }

    @Test
    void normalisesHostsAndUpstreams() {
        ProxyConfig config = RoutesFile.parse("""
                routes:
                  - {name: a, match: {host: "Example.COM."}, upstreams: ["HTTP://Backend:8080"], projectId: p}
                  - {name: b, match: {host: "[0:0::1]"}, upstreams: ["http://[::1]:9000"], projectId: p}
                  - {name: c, match: {host: "2001:DB8::1"}, upstreams: ["http://10.0.0.1"], projectId: p}
                """, "routes.yaml");
        assertThat(config.routes()).extracting(Route::host).containsExactly("example.com", "::1", "2001:db8::1");
        assertThat(config.routes()).extracting(r -> r.upstreams().get(0)).containsExactly(
                URI.create("http://backend:8080"), URI.create("http://[::1]:9000"), URI.create("http://10.0.0.1:80"));
    }

    @Test
    void namesTheFileAndFullKeyPathOfAnUnknownKey() {
        String yaml = """
                routes:
                  - {name: a, upstreams: ["http://h:1"], projectId: p}
                  - {name: b, upstreams: ["http://h:1"], projectId: p}
                  - name: c
                    upstreams: ["http://h:1"]
                    projectId: p
                    capture: {maxBodyByte: 10}
                """;
        assertThatThrownBy(() -> RoutesFile.parse(yaml, "routes.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("routes.yaml: routes[2].capture.maxBodyByte: unknown key "
                        + "(allowed: enabled, requestBody, responseBody, maxBodyBytes)");
    }

    @Test
    void loadsAFileAndResolvesTlsFilesNextToIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("cert.pem"), "cert");
        Files.writeString(dir.resolve("key.pem"), "key");
        Files.createDirectories(dir.resolve("sni"));
        Files.writeString(dir.resolve("sni/a.pem"), "a");
        Path file = dir.resolve("routes.yaml");
        Files.writeString(file, """
                routes: [{name: r, upstreams: ["http://h:1"], projectId: p}]
                tls:
                  cert: cert.pem
                  key: %s
                  sni: [{host: A.example.com, cert: sni/a.pem, key: sni/a.pem}]
                """.formatted(dir.resolve("key.pem").toAbsolutePath()));
        ProxyConfig config = RoutesFile.load(file);
        assertThat(config.tls()).isEqualTo(new ProxyConfig.Tls(dir.resolve("cert.pem").toAbsolutePath(),
                dir.resolve("key.pem").toAbsolutePath(), List.of(new ProxyConfig.SniCert("a.example.com",
                dir.resolve("sni/a.pem").toAbsolutePath(), dir.resolve("sni/a.pem").toAbsolutePath()))));
    }

    @Test
    void rejectsTlsFilesThatDoNotExist(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("routes.yaml");
        Files.writeString(file, """
                routes: [{name: r, upstreams: ["http://h:1"], projectId: p}]
                tls: {cert: missing.pem, key: missing.pem}
                """);
        assertThatThrownBy(() -> RoutesFile.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": tls.cert: no readable file at ")
                .extracting(e -> ((ConfigException) e).keyPath()).isEqualTo("tls.cert");
    }

    @Test
    void reportsAFileThatCannotBeRead(@TempDir Path dir) {
        Path file = dir.resolve("absent.yaml");
        assertThatThrownBy(() -> RoutesFile.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": cannot read the file");
    }
}
