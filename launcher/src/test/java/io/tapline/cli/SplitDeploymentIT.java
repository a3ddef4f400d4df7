package io.tapline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tapline proxy} and {@code tapline api} as separate processes of the real jar: the proxy stores what it
 * captures in Elasticsearch, the API (another process) serves it and tails it live.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
class SplitDeploymentIT {
    private static final Pattern METRICS = Pattern.compile("metrics\\s+(http://\\S+/metrics)");
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aProxyProcessAndAnApiProcessShareElasticsearch(@TempDir Path dir, URI es) throws Exception {
        HttpServer upstream = upstream();
        String project = "proj_split_" + Long.toHexString(System.nanoTime());
        Path routes = routes(dir, upstream, project);
        try (TaplineProcess api = TaplineProcess.start(Map.of("TAPLINE_DATA_DIR", dir.resolve("api").toString(),
                "TAPLINE_API_PORT", "0", "TAPLINE_ADMIN_PORT", "0", "TAPLINE_ES_URL", es.toString(),
                "TAPLINE_ROUTES", routes.toString()), "api");
             TaplineProcess proxy = TaplineProcess.start(Map.of("TAPLINE_DATA_DIR", dir.resolve("proxy").toString(),
                     "TAPLINE_PROXY_PORT", "0", "TAPLINE_ES_URL", es.toString(), "TAPLINE_ROUTES", routes.toString(),
                     "TAPLINE_API_PORT", "1", "TAPLINE_ADMIN_PORT", "0"), "proxy")) {
            assertThat(api.awaitReady(Duration.ofSeconds(120))).as("%s %s", api.stdout, api.stderr).isTrue();
            assertThat(proxy.awaitReady(Duration.ofSeconds(120))).as("%s %s", proxy.stdout, proxy.stderr).isTrue();
            assertThat(api.stdout).anyMatch(l -> l.startsWith("tapline: proxy") && l.contains("off (tapline api"));
            assertThat(proxy.stdout).anyMatch(l -> l.startsWith("tapline: API") && l.contains("off (tapline proxy"));
            assertThat(proxy.stdout).noneMatch(l -> l.contains("admin token")); // no API, no credential made
            assertThat(proxy.tenant).isNull();
            String token = Files.readString(dir.resolve("api/admin-token")).trim();
            String through = "http://127.0.0.1:" + proxy.proxyPort();

            // the API process tails what the proxy process stores (it follows Elasticsearch)
            Map<String, String> client = Map.of("TAPLINE_URL", api.admin, "TAPLINE_API_KEY", token);
            AtomicInteger sent = new AtomicInteger();
            try (TaplineProcess tail = TaplineProcess.start(client, "tail", "--json", "--max", "4", "--project", project)) {
                // the tail starts live: keep traffic coming until it has seen enough
                while (tail.process.isAlive() && sent.get() < 200) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(through + "/split/"
                            + sent.get())).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).isEqualTo(200);
                    sent.incrementAndGet();
                    Thread.sleep(250);
                }
                assertThat(tail.awaitExit(Duration.ofSeconds(60))).as("%s", tail.stderr).isZero();
                assertThat(tail.stdout).hasSize(4);
                for (String line : tail.stdout) {
                    JsonNode entry = mapper.readTree(line);
                    assertThat(entry.path("projectId").asText()).isEqualTo(project);
                    assertThat(entry.path("url").asText()).startsWith("/split/");
                }
            }
            // and serves every record the proxy stored: a request and a response per exchange
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long total = 0;
            while (total < 2L * sent.get() && System.nanoTime() < deadline) {
                Thread.sleep(500);
                HttpResponse<String> logs = http.send(HttpRequest.newBuilder(URI.create(api.admin
                        + "/api/proxy-logs/_logs?limit=1&projectId=" + project)).header("X-API-Key", token).build(),
                        HttpResponse.BodyHandlers.ofString());
                total = mapper.readTree(logs.body()).path("total").asLong();
            }
            assertThat(total).isEqualTo(2L * sent.get());

            // the proxy's admin port serves its Prometheus metrics, and nothing else
            URI metrics = URI.create(proxy.stdout.stream().map(METRICS::matcher).filter(Matcher::find)
                    .map(m -> m.group(1)).findFirst().orElseThrow());
            HttpResponse<String> scraped = http.send(HttpRequest.newBuilder(metrics).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scraped.statusCode()).isEqualTo(200);
            assertThat(scraped.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            Matcher requests = Pattern.compile("(?m)^tapline_proxy_requests_total(?:\\{[^}]*})? ([0-9.]+)$")
                    .matcher(scraped.body());
            double counted = 0;
            while (requests.find()) {
                counted += Double.parseDouble(requests.group(1));
            }
            assertThat(counted).as(scraped.body()).isEqualTo(sent.get());
            HttpResponse<String> other = http.send(HttpRequest.newBuilder(metrics.resolve("/api/proxy-logs/_logs"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(other.statusCode()).isEqualTo(404);
            assertThat(mapper.readTree(other.body()).path("statusCode").asInt()).isEqualTo(404);
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(metrics)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        } finally {
            upstream.stop(0);
        }
    }

    @Test
    void aProxyWithTheFileSinkNeedsNoElasticsearch(@TempDir Path dir) throws Exception {
        HttpServer upstream = upstream();
        Path routes = routes(dir, upstream, "proj_file");
        Path records = dir.resolve("records");
        try (TaplineProcess proxy = TaplineProcess.start(Map.of("TAPLINE_DATA_DIR", dir.resolve("data").toString(),
                "TAPLINE_PROXY_PORT", "0", "TAPLINE_ROUTES", routes.toString(), "TAPLINE_SINK", "file",
                "TAPLINE_SINK_DIR", records.toString(), "TAPLINE_ES_URL", "http://127.0.0.1:1",
                "TAPLINE_ADMIN_PORT", "0"), "proxy")) {
            assertThat(proxy.awaitReady(Duration.ofSeconds(60))).as("%s %s", proxy.stdout, proxy.stderr).isTrue();
            assertThat(proxy.stdout).anyMatch(l -> l.startsWith("tapline: Elasticsearch") && l.contains("not used"));
            // The shaded jar carries Netty's epoll library: on Linux x86_64 the proxy runs on it by default.
            String transport = linuxX86() ? "epoll" : "nio";
            assertThat(proxy.stdout).anyMatch(l -> l.startsWith("tapline: proxy") && l.endsWith("transport: " + transport + ")"));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.proxyPort()
                    + "/split/file")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long lines = 0;
            while (lines < 2 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                lines = countLines(records);
            }
            assertThat(lines).as("a request and a response record in %s", records).isEqualTo(2);
        } finally {
            upstream.stop(0);
        }
    }

    @Test
    void tapLineProxyTransportNioForcesJavaNioAndAnUnknownValueIsOneLineAndANonZeroExit(@TempDir Path dir)
            throws Exception {
        HttpServer upstream = upstream();
        Path routes = routes(dir, upstream, "proj_nio");
        Path records = dir.resolve("records");
        try (TaplineProcess proxy = TaplineProcess.start(Map.of("TAPLINE_DATA_DIR", dir.resolve("data").toString(),
                "TAPLINE_PROXY_PORT", "0", "TAPLINE_ROUTES", routes.toString(), "TAPLINE_SINK", "file",
                "TAPLINE_SINK_DIR", records.toString(), "TAPLINE_ADMIN_PORT", "0", "TAPLINE_PROXY_TRANSPORT", "NIO"),
                "proxy")) {
            assertThat(proxy.awaitReady(Duration.ofSeconds(60))).as("%s %s", proxy.stdout, proxy.stderr).isTrue();
            assertThat(proxy.stdout).anyMatch(l -> l.startsWith("tapline: proxy") && l.endsWith("transport: nio)"));
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + proxy.proxyPort() + "/split/nio" + i)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
            }
        } finally {
            upstream.stop(0);
        }
        try (TaplineProcess proxy = TaplineProcess.start(Map.of("TAPLINE_DATA_DIR", dir.resolve("data2").toString(),
                "TAPLINE_PROXY_PORT", "0", "TAPLINE_ROUTES", routes.toString(), "TAPLINE_SINK", "file",
                "TAPLINE_SINK_DIR", records.toString(), "TAPLINE_PROXY_TRANSPORT", "io_uring"), "proxy")) {
            assertThat(proxy.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(proxy.stderr).containsExactly("tapline: TAPLINE_PROXY_TRANSPORT must be auto, epoll or nio, "
                    + "got 'io_uring'");
        }
    }

    private static boolean linuxX86() {
        return System.getProperty("os.name").equals("Linux")
                && (System.getProperty("os.arch").equals("amd64") || System.getProperty("os.arch").equals("x86_64"));
    }

    @Test
    void aProxyWithoutRoutesIsOneLineAndANonZeroExit(@TempDir Path dir) throws Exception {
        try (TaplineProcess proxy = TaplineProcess.start(Map.of("TAPLINE_DATA_DIR", dir.toString()), "proxy")) {
            assertThat(proxy.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(proxy.stderr).containsExactly("tapline: TAPLINE_ROUTES: tapline proxy needs a routes file "
                    + "(--routes or TAPLINE_ROUTES), or --demo");
        }
    }

    private static long countLines(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long n = 0;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                n += Files.readAllLines(f, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).count();
            }
        }
        return n;
    }

    private static HttpServer upstream() throws Exception {
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", ex -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        upstream.start();
        return upstream;
    }

    private static Path routes(Path dir, HttpServer upstream, String project) throws Exception {
        Path routes = dir.resolve("routes.yaml");
        Files.writeString(routes, """
                routes:
                  - name: split
                    match: { pathPrefix: /split }
                    upstreams: [http://127.0.0.1:%d]
                    projectId: %s
                    containerId: cnt_split
                """.formatted(upstream.getAddress().getPort(), project));
        return routes;
    }
}
