package io.tapline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The real jar with a routes file: traffic is recorded, and a reload keeps connections and reports removed containers. */
class ProxyServeIT {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aReloadKeepsOpenConnectionsAndEmitsScopeDestroyedForARemovedContainer(@TempDir Path dir) throws Exception {
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", ex -> {
            byte[] body = ("ok " + ex.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        upstream.start();
        String up = "http://127.0.0.1:" + upstream.getAddress().getPort();
        Path routes = dir.resolve("routes.yaml");
        Files.writeString(routes, TwoRoutes.yaml(up, true));
        Path data = dir.resolve("data");
        try (TaplineProcess tapline = TaplineProcess.start(Map.of("TAPLINE_DATA_DIR", data.toString(),
                "TAPLINE_API_PORT", "0", "TAPLINE_ADMIN_PORT", "0", "TAPLINE_PROXY_PORT", "0",
                "TAPLINE_ROUTES", routes.toString()), "serve")) {
            assertThat(tapline.awaitReady(Duration.ofSeconds(90))).as("%s %s", tapline.stdout, tapline.stderr).isTrue();
            int proxyPort = tapline.proxyPort();
            try (Socket keepAlive = new Socket("127.0.0.1", proxyPort)) {
                keepAlive.setSoTimeout(10_000);
                assertThat(exchange(keepAlive, "/a/first")).contains("ok /a/first");

                Files.writeString(routes, TwoRoutes.yaml(up, false)); // container cnt_b goes away
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (tapline.stdout.stream().noneMatch(l -> l.contains("routes reloaded")) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(tapline.stdout).anyMatch(l -> l.contains("routes reloaded"));
                assertThat(exchange(keepAlive, "/a/second")).as("the same connection still works").contains("ok /a/second");
            }
            HttpResponse<String> gone = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxyPort + "/b/x"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(gone.statusCode()).isEqualTo(404);

            String token = Files.readString(data.resolve("admin-token")).trim();
            JsonNode events = awaitEntries(tapline.admin + "/api/proxy-logs/_logs?projectId=proj_b&limit=50", token,
                    "scope-destroyed");
            JsonNode destroyed = null;
            for (JsonNode e : events) {
                if ("scope-destroyed".equals(e.path("action").asText())) {
                    destroyed = e;
                }
            }
            assertThat(destroyed).as("a scope-destroyed event in %s", events).isNotNull();
            assertThat(destroyed.path("kind").asText()).isEqualTo("event");
            assertThat(destroyed.path("containerId").asText()).isEqualTo("cnt_b");
            JsonNode projectA = awaitEntries(tapline.admin + "/api/proxy-logs/_logs?projectId=proj_a&limit=50", token, "/a/second");
            assertThat(projectA.toString()).contains("/a/first").contains("/a/second");

            String metrics = http.send(HttpRequest.newBuilder(URI.create(tapline.admin + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("tapline_proxy_requests_total 3")
                    .contains("tapline_proxy_responses_total{class=\"2xx\"} 2")
                    .contains("tapline_proxy_responses_total{class=\"4xx\"} 1")
                    .contains("tapline_sink_records_dropped_total{reason=\"queue_full\"} 0")
                    .contains("tapline_proxy_upstream_latency_seconds_count 2")
                    .containsPattern("tapline_sink_records_written_total [1-9]");
        } finally {
            upstream.stop(0);
        }
    }

    @Test
    void serveDemoShowsLiveRecordsWithinSeconds(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        try (TaplineProcess tapline = TaplineProcess.start(Map.of("TAPLINE_DATA_DIR", data.toString(),
                "TAPLINE_API_PORT", "0", "TAPLINE_ADMIN_PORT", "0", "TAPLINE_PROXY_PORT", "0"), "serve", "--demo")) {
            assertThat(tapline.awaitReady(Duration.ofSeconds(90))).as("%s %s", tapline.stdout, tapline.stderr).isTrue();
            current = tapline;
            String token = Files.readString(data.resolve("admin-token")).trim();
            long readyAt = System.nanoTime();
            JsonNode entries = awaitEntries(tapline.admin + "/api/proxy-logs/_logs?limit=200", token, "\"kind\":\"response\"");
            assertThat(Duration.ofNanos(System.nanoTime() - readyAt)).isLessThan(Duration.ofSeconds(15));
            java.util.Set<String> projects = new java.util.HashSet<>();
            entries.forEach(e -> projects.add(e.path("projectId").asText()));
            assertThat(entries.size()).isPositive();
            JsonNode later = awaitEntries(tapline.admin + "/api/proxy-logs/_logs?limit=1000", token, "proj_billing");
            later.forEach(e -> projects.add(e.path("projectId").asText()));
            assertThat(projects).contains("proj_shop", "proj_billing", "proj_search");
        }
    }

    private TaplineProcess current;

    private JsonNode awaitEntries(String url, String token, String mustContain) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode entries;
        do {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("X-API-Key", token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("%s; tapline said %s", r.body(), current == null ? "" : current.stderr).isEqualTo(200);
            entries = mapper.readTree(r.body()).path("entries");
            if (entries.toString().contains(mustContain)) {
                return entries;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        return entries;
    }

    private static String exchange(Socket s, String path) throws Exception {
        OutputStream out = s.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            sb.append((char) c);
            if (sb.toString().contains("ok " + path)) {
                break;
            }
        }
        return sb.toString();
    }
}
