package io.tapline.bench.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.api.ApiServer;
import io.tapline.api.limit.EndpointGroup;
import io.tapline.api.limit.RateLimit;
import io.tapline.api.limit.RateLimitConfig;
import io.tapline.embedded.EmbeddedElasticsearch;
import io.tapline.schema.ApiCodec;
import io.tapline.schema.IndexNames;
import io.tapline.schema.LogRecord;
import io.tapline.store.BulkIndexer;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.ElasticsearchStore;
import io.tapline.store.SchemaInstaller;
import io.tapline.store.StoreConfig;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the API's CPU per page goes, by thread group (Undertow I/O and workers, the Elasticsearch client's I/O
 * reactor, the HTTP client, GC and JIT): loads a node, starts one API server, and sends one scenario's requests in
 * blocks, API only then direct only, reading every thread's CPU time around each block. A diagnostic, no target.
 *
 * <p>{@code ThreadCpuProbe RECORDS REQUESTS SCENARIO_INDEX [ROUNDS]}; JVM threads (GC, compiler) are read from
 * {@code /proc/self/task}, which sees the threads the JVM does not list.
 */
public final class ThreadCpuProbe {
    private static final String TOKEN = "query-bench-admin-token-0123456789";
    private static final long HOUR = 3_600_000L;

    private ThreadCpuProbe() {
    }

    public static void main(String[] args) throws Exception {
        int records = Integer.parseInt(args[0]);
        int requests = Integer.parseInt(args[1]);
        int which = Integer.parseInt(args[2]);
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path dir = Files.createTempDirectory("tapline-cpu-probe");
        ObjectMapper mapper = new ObjectMapper();
        HttpClient http = HttpClient.newHttpClient();
        try (EmbeddedElasticsearch node = EmbeddedElasticsearch.builder().dataDir(dir).heapMb(1024).build().start();
             ElasticsearchConnection connection = ElasticsearchConnection.open(StoreConfig.of(node.httpUri()), mapper)) {
            URI es = node.httpUri();
            long endMs = System.currentTimeMillis() - HOUR;
            new SchemaInstaller(connection, mapper, "30d").install();
            QueryWorkload workload = new QueryWorkload(records, endMs, 7 * 24 * HOUR);
            BulkIndexer indexer = new BulkIndexer(connection, mapper);
            for (int done = 0; done < records; done += 5000) {
                List<LogRecord> batch = workload.next(Math.min(5000, records - done));
                indexer.index(batch);
            }
            new ElasticsearchStore(connection).refresh();
            ApiServer api = ApiServer.builder().store(new ElasticsearchStore(connection))
                    .entryRenderer(ApiCodec::toEntry).tenantPort(0).adminPort(0).adminToken(TOKEN).version("bench")
                    .rateLimits(RateLimitConfig.defaults().with(EndpointGroup.SEARCH, RateLimit.perMinute(100_000_000)))
                    .build().start();
            URI apiUri = URI.create("http://127.0.0.1:" + api.adminAddress().getPort());
            Scenario scenario = Scenarios.all(endMs).get(which);
            System.out.printf("%s, %d records, %d requests per block%n", scenario.name(), records, requests);
            for (int round = 0; round < rounds; round++) {
                for (boolean viaApi : new boolean[]{true, false}) {
                    Map<String, Long> before = cpu();
                    long bytes = 0;
                    long started = System.nanoTime();
                    for (int i = 0; i < requests; i++) {
                        HttpRequest request = viaApi
                                ? HttpRequest.newBuilder(apiUri.resolve("/api/proxy-logs/_logs?"
                                + scenario.apiQuery().apply(i))).header("X-API-Key", TOKEN).GET().build()
                                : HttpRequest.newBuilder(es.resolve("/" + IndexNames.PATTERN
                                + "/_search?ignore_unavailable=true&allow_no_indices=true"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(scenario.directBody().apply(i))).build();
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("status " + response.statusCode());
                        }
                        bytes += response.body().length;
                    }
                    double wallMs = (System.nanoTime() - started) / 1e6 / requests;
                    Map<String, Long> after = cpu();
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                            "round %d %-6s %6.2f ms/req %7.0f B/resp  us CPU per request:", round,
                            viaApi ? "API" : "direct", wallMs, (double) bytes / requests));
                    long total = 0;
                    for (Map.Entry<String, Long> e : after.entrySet()) {
                        long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
                        if (e.getKey().startsWith("java:")) {
                            total += d;
                        }
                        if (d / requests >= 20_000 && !e.getKey().startsWith("java:")) {
                            line.append(String.format(Locale.ROOT, " %s=%d", e.getKey(), d / requests / 1000));
                        }
                    }
                    line.append(String.format(Locale.ROOT, " javaTOTAL=%d  load %s", total / requests / 1000,
                            Files.readString(Path.of("/proc/loadavg")).trim()));
                    System.out.println(line);
                }
            }
            api.close();
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** CPU nanoseconds per thread group, from /proc/self/task (utime + stime, in clock ticks of 10 ms). */
    private static Map<String, Long> cpu() throws Exception {
        Map<String, Long> groups = new TreeMap<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // Java threads: precise CPU time by name
        for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
            long t = threads.getThreadCpuTime(info.getThreadId());
            if (t > 0) {
                groups.merge("java:" + group(info.getThreadName()), t, Long::sum);
            }
        }
        // Everything the JVM runs, Java or not (GC, compiler): coarse, from /proc
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String name;
                String stat;
                try {
                    name = Files.readString(task.resolve("comm")).trim();
                    stat = Files.readString(task.resolve("stat"));
                } catch (java.io.IOException gone) {
                    continue;
                }
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                String g = group(name);
                groups.merge("user:" + g, Long.parseLong(f[11]) * 10_000_000L, Long::sum);
                groups.merge("sys:" + g, Long.parseLong(f[12]) * 10_000_000L, Long::sum);
                groups.merge("os:proc-all", ticks * 10_000_000L, Long::sum);
            }
        }
        return groups;
    }

    private static String group(String name) {
        return name.replaceAll("[0-9#]+", "").replaceAll("[- ]+$", "").trim();
    }
}
