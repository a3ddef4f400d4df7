package io.tapline.cli;

import io.tapline.embedded.ProcessNiceness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the real jar: {@code tapline serve} with the embedded node, and with every kind of bad configuration. */
class ServeIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void serveStartsTheEmbeddedNodeServesStatusAndStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        try (TaplineProcess tapline = TaplineProcess.start(Map.of("TAPLINE_DATA_DIR", data.toString(),
                "TAPLINE_API_PORT", "0", "TAPLINE_ADMIN_PORT", "0"), "serve")) {
            assertThat(tapline.awaitReady(Duration.ofSeconds(90))).as("ready; output: %s %s", tapline.stdout, tapline.stderr).isTrue();

            HttpResponse<String> status = get(tapline.tenant + "/api/status", Map.of());
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(get(tapline.admin + "/api/version", Map.of()).body()).contains("\"name\":\"tapline\"");

            String token = Files.readString(data.resolve("admin-token")).trim();
            assertThat(tapline.stdout).anyMatch(l -> l.contains(token) && l.contains("admin token"));
            HttpResponse<String> logs = get(tapline.admin + "/api/proxy-logs/_logs", Map.of("X-API-Key", token));
            assertThat(logs.statusCode()).isEqualTo(200);
            assertThat(logs.body()).isEqualTo("{\"entries\":[],\"total\":0,\"limit\":200,\"offset\":0}");
            assertThat(get(tapline.tenant + "/api/proxy-logs/_logs", Map.of()).statusCode()).isEqualTo(401);

            // the node yields the CPU to the proxy (TAPLINE_ES_NICE, default 10)
            ProcessHandle node = tapline.process.descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("io.tapline.esnode.NodeMain"))
                    .findFirst().orElseThrow();
            assertThat(ProcessNiceness.of(node.pid())).isEqualTo(ProcessNiceness.of(tapline.process.pid()) + 10);

            // SIGTERM through the handle: Process.destroy() would also close our end of its output pipes
            tapline.process.toHandle().destroy();
            int code = tapline.awaitExit(Duration.ofSeconds(60));
            assertThat(tapline.stdout).as("exit %s, stderr %s", code, tapline.stderr).contains("tapline: stopped");
            assertThat(tapline.process.descendants().filter(ProcessHandle::isAlive)).isEmpty();
        }
        // the node's data and the admin token survive for the next start
        assertThat(data.resolve("elasticsearch/data")).isDirectory();
    }

    @Test
    void anUnreachableElasticsearchUrlIsOneLineAndANonZeroExit(@TempDir Path dir) throws Exception {
        int dead = freePort();
        assertFailsWithOneLine(Map.of("TAPLINE_DATA_DIR", dir.toString(), "TAPLINE_API_PORT", "0",
                "TAPLINE_ADMIN_PORT", "0", "TAPLINE_ES_URL", "http://127.0.0.1:" + dead), "unreachable");
    }

    @Test
    void aPortInUseIsOneLineAndANonZeroExit(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertFailsWithOneLine(Map.of("TAPLINE_DATA_DIR", dir.toString(), "TAPLINE_API_PORT",
                    String.valueOf(taken.getLocalPort()), "TAPLINE_ADMIN_PORT", "0"),
                    "TAPLINE_API_PORT: port " + taken.getLocalPort() + " on 127.0.0.1 is already in use");
        }
    }

    @Test
    void anUnwritableDataDirIsOneLineAndANonZeroExit() throws Exception {
        assertFailsWithOneLine(Map.of("TAPLINE_DATA_DIR", "/proc/tapline-data", "TAPLINE_API_PORT", "0",
                "TAPLINE_ADMIN_PORT", "0"), "TAPLINE_DATA_DIR /proc/tapline-data is not writable");
    }

    @Test
    void aBadNicenessIsOneLineNamingTheVariable(@TempDir Path dir) throws Exception {
        assertFailsWithOneLine(Map.of("TAPLINE_DATA_DIR", dir.toString(), "TAPLINE_ES_NICE", "-5"),
                "TAPLINE_ES_NICE must be an integer between 0 and 19, got '-5'");
    }

    @Test
    void aMalformedPortIsOneLineNamingTheVariable(@TempDir Path dir) throws Exception {
        assertFailsWithOneLine(Map.of("TAPLINE_DATA_DIR", dir.toString(), "TAPLINE_API_PORT", "eighty"),
                "TAPLINE_API_PORT must be an integer between 0 and 65535");
    }

    @Test
    void aMalformedElasticsearchUrlIsOneLineNamingTheVariable(@TempDir Path dir) throws Exception {
        assertFailsWithOneLine(Map.of("TAPLINE_DATA_DIR", dir.toString(), "TAPLINE_ES_URL", "ftp://nowhere"),
                "TAPLINE_ES_URL");
    }

    private void assertFailsWithOneLine(Map<String, String> env, String expected) throws Exception {
        try (TaplineProcess tapline = TaplineProcess.start(env, "serve")) {
            int code = tapline.awaitExit(Duration.ofSeconds(60));
            assertThat(code).isNotZero();
            List<String> err = List.copyOf(tapline.stderr);
            assertThat(err).as("stderr").hasSize(1);
            assertThat(err.get(0)).startsWith("tapline: ").contains(expected);
            assertThat(String.join("\n", tapline.stdout) + err).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    private HttpResponse<String> get(String url, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
