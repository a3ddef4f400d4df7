package io.tapline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import com.sun.net.httpserver.HttpServer;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client subcommands of the real jar ({@code search}, {@code stats}, {@code export}, {@code tail}) run as
 * processes against a real {@code tapline serve} whose capture proxy forwards the test's own traffic to a local
 * upstream. The stored records are counted first, so that the commands' output can be checked exactly.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientCommandsIT {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);
    /** Exchanges sent for the counted project: each one is a request and a response record. */
    private static final int EXCHANGES = 60;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private final String project = "proj_cli_" + Long.toHexString(System.nanoTime());
    private Path dir;
    private HttpServer upstream;
    private TaplineProcess serve;
    private String proxy;
    private String token;
    private long stored;

    @BeforeAll
    void startServeAndStoreKnownTraffic(URI es) throws Exception {
        dir = Files.createTempDirectory("tapline-client-it");
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", ex -> {
            int status = ex.getRequestURI().getPath().endsWith("/missing") ? 404 : 200;
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        upstream.start();
        Path routes = dir.resolve("routes.yaml");
        Files.writeString(routes, """
                routes:
                  - name: counted
                    match: { pathPrefix: /counted }
                    upstreams: [http://127.0.0.1:%1$d]
                    projectId: %2$s
                    containerId: cnt_cli
                    serviceName: cli-svc
                  - name: live
                    match: { pathPrefix: /live }
                    upstreams: [http://127.0.0.1:%1$d]
                    projectId: %2$s_live
                    containerId: cnt_live
                    serviceName: live-svc
                """.formatted(upstream.getAddress().getPort(), project));
        serve = TaplineProcess.start(Map.of("TAPLINE_DATA_DIR", dir.resolve("data").toString(),
                "TAPLINE_API_PORT", "0", "TAPLINE_ADMIN_PORT", "0", "TAPLINE_PROXY_PORT", "0",
                "TAPLINE_ES_URL", es.toString(), "TAPLINE_ROUTES", routes.toString(),
                // levels by status only: on a loaded machine a slow response would otherwise become a warning
                "TAPLINE_SLOW_MS", "600000"), "serve");
        assertThat(serve.awaitReady(Duration.ofSeconds(120))).as("%s %s", serve.stdout, serve.stderr).isTrue();
        token = Files.readString(dir.resolve("data/admin-token")).trim();
        proxy = "http://127.0.0.1:" + serve.proxyPort();
        for (int i = 0; i < EXCHANGES; i++) {
            send("/counted/items/" + i + (i % 10 == 9 ? "/missing" : ""));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while ((stored = apiTotal("")) < 2L * EXCHANGES && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(stored).as("every exchange stored as a request and a response").isEqualTo(2L * EXCHANGES);
    }

    @AfterAll
    void stop() throws Exception {
        if (serve != null) {
            serve.close();
        }
        if (upstream != null) {
            upstream.stop(0);
        }
    }

    @Test
    void searchPrintsATableOfTheNewestEntriesAndWhereThePageSits() throws Exception {
        Run run = client("search", "--limit", "7", "--project", project);
        assertThat(run.code).as("%s", run).isZero();
        assertThat(run.out).hasSize(8);
        assertThat(run.out.get(0)).startsWith("TIME").contains("LEVEL", "KIND", "STATUS", "SERVICE", "REQUEST / EVENT");
        for (String row : run.out.subList(1, 8)) {
            assertThat(row).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z +(DEBUG|INFO|WARN|ERROR|CRITICAL) +"
                    + "(request|response|event) .*");
            assertThat(row).doesNotContain("\u001B["); // not a terminal: no colour
        }
        assertThat(run.out.subList(1, 8)).allMatch(row -> row.contains(" cli-svc ") && row.contains(project)
                && row.contains("GET /counted/items/"));
        assertThat(run.err).containsExactly("tapline: entries 1-7 of " + stored + "; next page: --offset 7");
    }

    @Test
    void statsSummarisesTheSameRecordsTheQueryCounts() throws Exception {
        Run run = client("stats", "--project", project);
        assertThat(run.code).as("%s", run).isZero();
        assertThat(run.out.get(0)).isEqualTo("total      " + stored);
        // 6 of the 60 responses are 404s (warn); every request and the other responses are info
        assertThat(run.out).containsSubsequence("by level", "  info  114   95.0%  ###################",
                "  warn    6    5.0%  #");
        assertThat(run.out).containsSubsequence("by project", "  " + project + "  120  100.0%  ####################");
        assertThat(run.out).containsSubsequence("by container", "  cnt_cli  120  100.0%  ####################");
        assertThat(run.out).containsSubsequence("by service", "  cli-svc  120  100.0%  ####################");

        Run json = client("stats", "--json", "--project", project, "--kind", "response");
        JsonNode stats = mapper.readTree(String.join("\n", json.out));
        assertThat(stats.path("total").asLong()).isEqualTo(EXCHANGES);
        assertThat(stats.path("byLevel").path("warn").asLong()).isEqualTo(6);
    }

    @Test
    void exportAsCsvWritesOneRowPerEntryTheApiCountsWithAProgressBar() throws Exception {
        Path csv = dir.resolve("export.csv");
        Run run = client("export", "--format", "csv", "--output", csv.toString(), "--progress",
                "--project", project);
        assertThat(run.code).as("%s", run).isZero();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).startsWith("id,traceId,tsMs,tsIso,kind,level,projectId,containerId,serviceName");
        assertThat(lines).hasSize((int) apiTotal("") + 1).hasSize((int) stored + 1);
        assertThat(lines.subList(1, lines.size()).stream().map(l -> l.substring(0, l.indexOf(','))).distinct())
                .hasSize((int) stored);
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.contains("," + project + ",cnt_cli,cli-svc,GET,"));
        String err = String.join("\n", run.err);
        assertThat(err).contains("[##############################] 100%  " + stored + "/" + stored + " entries");
        assertThat(run.err.get(run.err.size() - 1)).isEqualTo("tapline: exported " + stored + " entries to " + csv);
        assertThat(Files.exists(dir.resolve("export.csv.part"))).isFalse();
    }

    @Test
    void exportAsNdjsonToStdoutIsOneEntryPerLineAndNothingElse() throws Exception {
        Run run = client("export", "--project", project, "--level", "warn,error");
        assertThat(run.code).as("%s", run).isZero();
        assertThat(apiTotal("&level=warn,error")).isEqualTo(6);
        assertThat(run.out).hasSize(6);
        for (String line : run.out) {
            JsonNode entry = mapper.readTree(line);
            assertThat(entry.path("level").asText()).isEqualTo("warn");
            assertThat(entry.path("status").asInt()).isEqualTo(404);
            assertThat(entry.path("url").asText()).endsWith("/missing");
        }
        assertThat(run.err).isEmpty(); // no bar: stderr is not a terminal
    }

    @Test
    void tailPrintsLiveRecordsAsTheyArriveAndResumesAfterTheIdItReports() throws Exception {
        Thread traffic = new Thread(() -> {
            for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                try {
                    send("/live/n/" + i);
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception | AssertionError e) {
                    // the proxy may be busy; keep the traffic coming
                }
            }
        }, "live-traffic");
        traffic.setDaemon(true);
        traffic.start();
        try {
            tailWhileTrafficFlows();
        } finally {
            traffic.interrupt();
        }
    }

    private void tailWhileTrafficFlows() throws Exception {
        long started = System.currentTimeMillis();
        Run live = client("tail", "--json", "--max", "10", "--project", project + "_live");
        assertThat(live.code).as("%s", live).isZero();
        assertThat(live.out).hasSize(10);
        List<Long> ids = new ArrayList<>();
        for (String line : live.out) {
            JsonNode entry = mapper.readTree(line);
            ids.add(entry.path("id").asLong());
            assertThat(entry.path("url").asText()).startsWith("/live/n/");
            // live: captured after the tail started (the clocks are the same machine's)
            assertThat(entry.path("tsMs").asLong()).isGreaterThanOrEqualTo(started - 1_000);
        }
        assertThat(ids).doesNotHaveDuplicates();
        Matcher resume = Pattern.compile("resume with --since-id (\\d+)").matcher(String.join("\n", live.err));
        assertThat(resume.find()).as("%s", live.err).isTrue();

        Thread.sleep(1_500); // demo traffic goes on meanwhile: the resumed tail must replay it from the ring
        long resumedAt = System.currentTimeMillis();
        Run resumed = client("tail", "--json", "--max", "5", "--project", project + "_live", "--since-id",
                resume.group(1));
        assertThat(resumed.code).as("%s", resumed).isZero();
        assertThat(resumed.out).hasSize(5);
        JsonNode first = mapper.readTree(resumed.out.get(0));
        assertThat(ids).doesNotContain(first.path("id").asLong());
        assertThat(first.path("tsMs").asLong()).as("replayed, not live").isLessThan(resumedAt);

        Run lines = client("tail", "--max", "3", "--kind", "response", "--project", project + "_live");
        assertThat(lines.code).as("%s", lines).isZero();
        assertThat(lines.out).hasSize(3).allMatch(l -> l.matches(
                "\\d{4}-\\d\\d-\\d\\dT\\S+Z INFO  response GET /live/n/\\d+ 200 \\d+ms  live-svc " + project
                        + "_live/cnt_live trace=[0-9a-f]{32}"));
    }

    @Test
    void failuresAreOneLineOnStderrAndANonZeroExit() throws Exception {
        Run badKey = run(Map.of("TAPLINE_URL", serve.admin, "TAPLINE_API_KEY", "not-the-token"), "search");
        assertThat(badKey.code).isEqualTo(1);
        assertThat(badKey.err).hasSize(1);
        assertThat(badKey.err.get(0)).startsWith("tapline: 401 Unauthorized");

        Run wrongDoor = run(Map.of("TAPLINE_URL", serve.tenant, "TAPLINE_API_KEY", token), "search");
        assertThat(wrongDoor.code).isEqualTo(1);
        assertThat(wrongDoor.err).singleElement().asString().startsWith("tapline: 403 Forbidden").contains("--url");

        Run unreachable = run(Map.of("TAPLINE_URL", "http://127.0.0.1:1", "TAPLINE_API_KEY", token), "tail");
        assertThat(unreachable.code).isEqualTo(1);
        assertThat(unreachable.err).singleElement().asString().startsWith("tapline: cannot reach http://127.0.0.1:1");

        Run badOption = client("export", "--format", "xml");
        assertThat(badOption.code).isEqualTo(1);
        assertThat(badOption.err).containsExactly("tapline: --format must be ndjson or csv, got 'xml'");

        Run typo = client("search", "--levle=error");
        assertThat(typo.code).isEqualTo(2);
        assertThat(typo.err).singleElement().asString().startsWith("tapline: Unknown option: '--levle=error'")
                .endsWith("(see 'tapline search --help')");

        Run badLevel = client("search", "--level", "loud");
        assertThat(badLevel.code).isNotZero();
        assertThat(badLevel.err).singleElement().asString().contains("debug, info, warn, error");
        for (Run r : List.of(badKey, wrongDoor, unreachable, badOption, typo, badLevel)) {
            assertThat(String.join("\n", r.err) + r.out).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void everySubcommandHasHelpAndTheCompletionScriptIsValidBash() throws Exception {
        for (String command : List.of("search", "stats", "export", "tail", "completion")) {
            Run help = client(command, "--help");
            assertThat(help.code).as(command).isZero();
            assertThat(help.out.get(0)).startsWith("Usage: tapline " + command);
        }
        Run completion = client("completion");
        assertThat(completion.code).isZero();
        String script = String.join("\n", completion.out);
        assertThat(script).contains("complete -F", "search", "stats", "export", "tail", "--level", "--format");
        Path file = dir.resolve("tapline-completion.bash");
        Files.writeString(file, script);
        Process bash = new ProcessBuilder("bash", "-n", file.toString()).redirectErrorStream(true).start();
        String bashSays = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor()).as(bashSays).isZero();
    }

    /** The API's total for the counted project, narrowed by {@code moreQuery}. */
    private long apiTotal(String moreQuery) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(serve.admin
                + "/api/proxy-logs/_logs?limit=1&projectId=" + project + moreQuery)).header("X-API-Key", token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return mapper.readTree(r.body()).path("total").asLong();
    }

    private void send(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(proxy + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isIn(200, 404);
    }

    /** The command against the running serve, authenticated with its admin token. */
    private Run client(String... args) throws Exception {
        return run(Map.of("TAPLINE_URL", serve.admin, "TAPLINE_API_KEY", token), args);
    }

    private Run run(Map<String, String> env, String... args) throws Exception {
        Map<String, String> all = new HashMap<>(env);
        all.put("TAPLINE_DATA_DIR", dir.resolve("no-such-data").toString()); // no admin-token fallback by accident
        try (TaplineProcess p = TaplineProcess.start(all, args)) {
            int code = p.awaitExit(COMMAND_TIMEOUT);
            Run run = new Run(code, List.copyOf(p.stdout), List.copyOf(p.stderr));
            // in the test's output file, for whoever reads a failure
            System.out.println("tapline " + String.join(" ", args) + " -> " + code + ", stderr " + run.err);
            return run;
        }
    }

    private record Run(int code, List<String> out, List<String> err) {
    }
}
