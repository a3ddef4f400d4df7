package io.tapline.bench.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.api.ApiServer;
import io.tapline.api.limit.EndpointGroup;
import io.tapline.api.limit.RateLimit;
import io.tapline.api.limit.RateLimitConfig;
import io.tapline.embedded.EmbeddedElasticsearch;
import io.tapline.schema.ApiCodec;
import io.tapline.schema.IndexNames;
import io.tapline.store.BulkIndexer;
import io.tapline.store.BulkResult;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.ElasticsearchStore;
import io.tapline.store.SchemaInstaller;
import io.tapline.store.StoreConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loads a million records into Elasticsearch through the store, then sends three searches over real HTTP both
 * through the API and, as the reference, straight to Elasticsearch's {@code _search} with the equivalent body,
 * alternating the two request by request, and prints p50/p99 of each and the API/direct ratio. Targets: p99 of
 * the filtered pages at most 100 ms through the API, and the API at most 1.25 x direct. Exit status: 0 on target,
 * 2 below it, 1 on failure.
 */
public final class QueryBenchmark {
    private static final String TOKEN = "query-bench-admin-token-0123456789";
    private static final long HOUR = 3_600_000L;
    private static final int BATCH = 5_000;

    private final QueryOptions options;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper mapper = new ObjectMapper();

    private QueryBenchmark(QueryOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        QueryOptions options;
        try {
            options = QueryOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("query benchmark: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (options == null) {
            System.out.println(QueryOptions.USAGE);
            return;
        }
        System.exit(new QueryBenchmark(options, System.out).run());
    }

    private int run() throws Exception {
        Path dir = null;
        EmbeddedElasticsearch node = null;
        try {
            URI es = options.esUrl();
            if (es == null) {
                dir = Files.createTempDirectory("tapline-query-bench");
                out.printf("starting an embedded Elasticsearch node (%d MB heap) under %s%n", options.esHeapMb(), dir);
                node = EmbeddedElasticsearch.builder().dataDir(dir).heapMb(options.esHeapMb()).build().start();
                es = node.httpUri();
            }
            try (ElasticsearchConnection connection = ElasticsearchConnection.open(StoreConfig.of(es), mapper)) {
                long endMs = System.currentTimeMillis() - HOUR;
                load(es, connection, endMs);
                ApiServer api = ApiServer.builder().store(new ElasticsearchStore(connection))
                        .entryRenderer(ApiCodec::toEntry).tenantPort(0).adminPort(0).adminToken(TOKEN)
                        .version("bench")
                        // the benchmark is one principal sending thousands of searches: not what limits are for
                        .rateLimits(RateLimitConfig.defaults().with(EndpointGroup.SEARCH, RateLimit.perMinute(100_000_000)))
                        .build().start();
                // The same API over the same store without entry streaming: informational, no target.
                ApiServer recordPath = ApiServer.builder().store(new RecordPathStore(new ElasticsearchStore(connection)))
                        .entryRenderer(ApiCodec::toEntry).tenantPort(0).adminPort(0).adminToken(TOKEN)
                        .version("bench")
                        .rateLimits(RateLimitConfig.defaults().with(EndpointGroup.SEARCH, RateLimit.perMinute(100_000_000)))
                        .build().start();
                try {
                    return measure(es, URI.create("http://127.0.0.1:" + api.adminAddress().getPort()),
                            URI.create("http://127.0.0.1:" + recordPath.adminAddress().getPort()), endMs);
                } finally {
                    api.close();
                    recordPath.close();
                }
            }
        } finally {
            if (node != null) {
                node.close();
            }
            if (dir != null) {
                deleteTree(dir);
            }
        }
    }

    private void load(URI es, ElasticsearchConnection connection, long endMs) throws Exception {
        List<String> existing = indices(es);
        if (!existing.isEmpty() && options.esUrl() != null && !options.deleteExisting()) {
            throw new IllegalStateException(existing.size() + " tapline-logs-* indices exist at " + es
                    + "; the benchmark deletes them: pass --delete-existing on a scratch cluster");
        }
        if (!existing.isEmpty()) {
            send(HttpRequest.newBuilder(es.resolve("/" + String.join(",", existing))).DELETE().build());
        }
        new SchemaInstaller(connection, mapper, "30d").install();
        // Loading is setup, not what is measured: the daily indices refresh every 5 s instead of every second
        // while loading (not less often: Elasticsearch's map of ids written since the last refresh fills a 1 GB
        // heap, and it answers 429) and get the template's 1 s back before the searches start.
        List<String> days = dailyIndices(endMs);
        for (String index : days) {
            send(HttpRequest.newBuilder(es.resolve("/" + index)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"settings\":{\"index\":{\"refresh_interval\":\"5s\"}}}"))
                    .build());
        }
        QueryWorkload workload = new QueryWorkload(options.records(), endMs, options.windowDays() * 24 * HOUR);
        BulkIndexer indexer = new BulkIndexer(connection, mapper);
        long started = System.nanoTime();
        for (int done = 0; done < options.records(); done += BATCH) {
            BulkResult result = indexBatch(indexer, workload.next(Math.min(BATCH, options.records() - done)));
            if (!result.rejected().isEmpty()) {
                throw new IllegalStateException("Elasticsearch rejected records: " + result.rejected().get(0));
            }
            if ((done / BATCH) % 40 == 0) {
                out.printf("  loaded %,d of %,d%n", done, options.records());
            }
        }
        send(HttpRequest.newBuilder(es.resolve("/" + String.join(",", days) + "/_settings"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"index\":{\"refresh_interval\":\"1s\"}}")).build());
        new ElasticsearchStore(connection).refresh();
        double seconds = (System.nanoTime() - started) / 1e9;
        long count = get(es, "/" + IndexNames.PATTERN + "/_count").path("count").asLong();
        if (count != options.records()) {
            throw new IllegalStateException("expected " + options.records() + " documents, found " + count);
        }
        out.printf("loaded %,d records over %d days into %d daily indices in %.0f s (%,.0f records/s)%n", count,
                options.windowDays(), indices(es).size(), seconds, count / seconds);
    }

    private int measure(URI es, URI api, URI recordPath, long endMs) throws Exception {
        List<Scenario> scenarios = Scenarios.all(endMs);
        out.printf("load average before measuring: %s%n", loadAverage());
        List<String[]> rows = new ArrayList<>();
        List<String[]> cpuRows = new ArrayList<>();
        boolean pass = true;
        for (Scenario scenario : scenarios) {
            checkSameAnswers(es, api, scenario);
            checkSameAnswers(es, recordPath, scenario);
            Latencies viaApi = new Latencies(options.iterations());
            Latencies direct = new Latencies(options.iterations());
            Latencies viaRecords = new Latencies(options.iterations());
            Latencies apiCpu = new Latencies(options.iterations());
            Latencies directCpu = new Latencies(options.iterations());
            Latencies recordsCpu = new Latencies(options.iterations());
            for (int i = 0; i < options.warmup() + options.iterations(); i++) {
                // alternate which path goes first, so neither always meets the other's warm caches
                boolean apiFirst = i % 2 == 0;
                long[] a = apiFirst ? timeApi(api, scenario, i) : null;
                long[] d = timeDirect(es, scenario, i);
                if (!apiFirst) {
                    a = timeApi(api, scenario, i);
                }
                long[] r = timeApi(recordPath, scenario, i);
                if (i >= options.warmup()) {
                    viaApi.add(a[0]);
                    direct.add(d[0]);
                    viaRecords.add(r[0]);
                    apiCpu.add(a[1]);
                    directCpu.add(d[1]);
                    recordsCpu.add(r[1]);
                }
            }
            cpuRows.add(new String[]{scenario.name(), fmt(viaRecords.percentileMs(50)), fmt(viaRecords.percentileMs(99)),
                    us(directCpu), us(apiCpu), us(recordsCpu)});
            double ap50 = viaApi.percentileMs(50);
            double ap99 = viaApi.percentileMs(99);
            double dp50 = direct.percentileMs(50);
            double dp99 = direct.percentileMs(99);
            boolean ok = (!scenario.filtered() || ap99 <= 100.0) && ap50 / dp50 <= 1.25 && ap99 / dp99 <= 1.25;
            pass &= ok;
            rows.add(new String[]{scenario.name(), fmt(ap50), fmt(ap99), fmt(dp50), fmt(dp99),
                    String.format(Locale.ROOT, "%.2f", ap50 / dp50), String.format(Locale.ROOT, "%.2f", ap99 / dp99),
                    ok ? "PASS" : "MISS"});
        }
        out.printf("load average after measuring: %s%n%n", loadAverage());
        out.printf("%-34s %9s %9s %9s %9s %9s %9s  %s%n", "scenario (" + options.iterations() + " requests each)",
                "API p50", "API p99", "ES p50", "ES p99", "p50 x", "p99 x", "verdict");
        for (String[] r : rows) {
            out.printf("%-34s %9s %9s %9s %9s %9s %9s  %s%n", (Object[]) r);
        }
        out.printf("%ntargets: API p99 <= 100 ms for the filtered pages; API/direct <= 1.25 at p50 and p99: %s%n",
                pass ? "PASS" : "MISSED");
        // What the bench JVM (HTTP client, API server, its Elasticsearch client) spends per request: robust to other
        // processes, unlike wall-clock figures. The direct path's is the client alone.
        out.printf("%ninformational: the record path (same API without entry streaming), and bench JVM CPU per request%n");
        out.printf("%-34s %12s %12s %12s %12s %12s%n", "scenario", "rec. p50", "rec. p99", "CPU direct",
                "CPU API", "CPU rec.");
        out.printf("(CPU: mean bench-JVM CPU time per request: client, API server and its Elasticsearch client)%n");
        for (String[] r : cpuRows) {
            out.printf("%-34s %12s %12s %12s %12s %12s%n", (Object[]) r);
        }
        return pass ? 0 : 2;
    }

    /** Both paths must return the same entries, or the comparison would be between different work. */
    private void checkSameAnswers(URI es, URI api, Scenario scenario) throws Exception {
        JsonNode page = mapper.readTree(sendApi(api, scenario, 0));
        JsonNode hits = mapper.readTree(sendDirect(es, scenario, 0)).path("hits");
        List<Long> viaApi = new ArrayList<>();
        page.path("entries").forEach(e -> viaApi.add(e.path("id").asLong()));
        List<Long> direct = new ArrayList<>();
        hits.path("hits").forEach(h -> direct.add(h.path("_source").path("tapline").path("id").asLong()));
        if (!viaApi.equals(direct) || page.path("total").asLong() != hits.path("total").path("value").asLong()) {
            throw new IllegalStateException(scenario.name() + ": the API and Elasticsearch answered differently");
        }
        out.printf("%s: %d entries per page of %,d matches%n", scenario.name(), viaApi.size(), page.path("total").asLong());
    }

    /** Wall-clock and bench-JVM CPU nanoseconds of one API request. */
    private long[] timeApi(URI api, Scenario scenario, int i) throws Exception {
        long cpu = processCpuNanos();
        long started = System.nanoTime();
        sendApi(api, scenario, i);
        return new long[]{System.nanoTime() - started, processCpuNanos() - cpu};
    }

    private long[] timeDirect(URI es, Scenario scenario, int i) throws Exception {
        long cpu = processCpuNanos();
        long started = System.nanoTime();
        sendDirect(es, scenario, i);
        return new long[]{System.nanoTime() - started, processCpuNanos() - cpu};
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * The mean of CPU nanoseconds, in microseconds: the process CPU clock may tick in whole scheduler ticks (10 ms),
     * so single requests read 0 or 10 ms and only the mean over many means anything.
     */
    private static String us(Latencies cpu) {
        return String.format(Locale.ROOT, "%.0f us", cpu.meanMs() * 1000);
    }

    private byte[] sendApi(URI api, Scenario scenario, int i) throws Exception {
        return send(HttpRequest.newBuilder(api.resolve("/api/proxy-logs/_logs?" + scenario.apiQuery().apply(i)))
                .header("X-API-Key", TOKEN).GET().build());
    }

    private byte[] sendDirect(URI es, Scenario scenario, int i) throws Exception {
        return send(HttpRequest.newBuilder(es.resolve("/" + IndexNames.PATTERN
                        + "/_search?ignore_unavailable=true&allow_no_indices=true"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(scenario.directBody().apply(i))).build());
    }

    private byte[] send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException(request.uri() + " answered " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return response.body();
    }

    private JsonNode get(URI es, String path) throws IOException, InterruptedException {
        return mapper.readTree(send(HttpRequest.newBuilder(es.resolve(path)).GET().build()));
    }

    private List<String> indices(URI es) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        get(es, "/_cat/indices/" + IndexNames.PATTERN + "?h=index&format=json&expand_wildcards=all")
                .forEach(r -> names.add(r.path("index").asText()));
        return names;
    }

    /**
     * Indexes one batch; when the node stays overloaded (429) through the indexer's own retries, waits and sends
     * the batch again: record ids are document ids, so a re-sent record is stored once.
     */
    private BulkResult indexBatch(BulkIndexer indexer, List<io.tapline.schema.LogRecord> batch) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return indexer.index(batch);
            } catch (io.tapline.store.BulkIncompleteException e) {
                if (attempt == 3) {
                    throw e;
                }
                out.printf("  the node is overloaded (%s); waiting 15 s before sending the batch again%n", e.getMessage());
                Thread.sleep(15_000);
            }
        }
    }

    /** The daily indices the load window touches. */
    private List<String> dailyIndices(long endMs) {
        List<String> days = new ArrayList<>();
        long start = endMs - options.windowDays() * 24 * HOUR;
        for (long day = start - start % (24 * HOUR); day <= endMs; day += 24 * HOUR) {
            days.add(IndexNames.dailyIndex(day));
        }
        return days;
    }

    private static String fmt(double ms) {
        return String.format(Locale.ROOT, "%.1f ms", ms);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
