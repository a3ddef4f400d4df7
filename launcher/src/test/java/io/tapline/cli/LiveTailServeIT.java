package io.tapline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live tail through the real jar: traffic through the capture proxy reaches an SSE client in-process, and
 * removing the container from the routes file sends {@code event: scope-destroyed} and closes its stream.
 */
class LiveTailServeIT {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void removingAContainerFromTheRoutesFileEndsItsStreamWithScopeDestroyed(@TempDir Path dir) throws Exception {
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", ex -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
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
            assertThat(tapline.stdout).anyMatch(l -> l.contains("live tail") && l.contains("in-process"));
            assertThat(Files.exists(data.resolve("live-feed-seq"))).isTrue();
            String proxy = "http://127.0.0.1:" + tapline.proxyPort();
            String token = Files.readString(data.resolve("admin-token")).trim();

            HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(
                            URI.create(tapline.admin + "/api/proxy-logs/_logs/stream?containerId=cnt_b"))
                    .header("X-API-Key", token).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(stream.statusCode()).isEqualTo(200);
            BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));

            http.send(HttpRequest.newBuilder(URI.create(proxy + "/b/hello")).build(),
                    HttpResponse.BodyHandlers.ofString());
            List<String[]> frames = new ArrayList<>();
            frames.add(nextFrame(lines)); // the request
            frames.add(nextFrame(lines)); // its response
            assertThat(frames).allMatch(f -> f[0] == null);
            JsonNode request = mapper.readTree(frames.get(0)[2]);
            assertThat(request.path("url").asText()).isEqualTo("/b/hello");
            assertThat(request.path("containerId").asText()).isEqualTo("cnt_b");

            Files.writeString(routes, TwoRoutes.yaml(up, false)); // container cnt_b goes away
            String[] end = nextFrame(lines);
            assertThat(end[0]).isEqualTo("scope-destroyed");
            assertThat(Long.parseLong(end[1])).isGreaterThan(Long.parseLong(frames.get(1)[1]));
            JsonNode event = mapper.readTree(end[2]);
            assertThat(event.path("action").asText()).isEqualTo("scope-destroyed");
            assertThat(event.path("containerId").asText()).isEqualTo("cnt_b");
            assertThat(lines.readLine()).as("the stream closes after scope-destroyed").isNull();
        } finally {
            upstream.stop(0);
        }
    }

    /** {event or null, id, data} of the next frame that is not a heartbeat. */
    private static String[] nextFrame(BufferedReader lines) throws Exception {
        String event = null;
        String id = null;
        String data = null;
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new String[]{event, id, data};
                }
                continue;
            }
            if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("id: ")) {
                id = line.substring(4);
            } else if (line.startsWith("data: ")) {
                data = line.substring(6);
            }
        }
        throw new AssertionError("the stream ended early");
    }
}
