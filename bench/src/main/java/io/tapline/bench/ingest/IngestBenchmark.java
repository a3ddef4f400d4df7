package io.tapline.bench.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.embedded.EmbeddedElasticsearch;
import io.tapline.schema.IndexNames;
import io.tapline.schema.LogRecord;
import io.tapline.store.BulkIndexer;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.ElasticsearchStore;
import io.tapline.store.RetryPolicy;
import io.tapline.store.SchemaInstaller;
import io.tapline.store.StoreConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Bulk-indexes the same records through the store ({@link BulkIndexer}) and, as a reference, as pre-serialized
 * {@code _bulk} bodies over plain HTTP, in the same run against the same node, and prints docs/s for both and
 * their ratio (target: store at least 0.9 of raw). Exit status: 0 on target, 2 below it, 3 when other processes
 * disturbed the runs (no verdict), 4 with too few rounds for a verdict, 1 on any failure.
 */
public final class IngestBenchmark {
    /** Daily indices spread over this window, as a proxy's backlog would be. */
    private static final Duration WINDOW = Duration.ofDays(2);
    /** Large enough that batches are cut by count only, exactly where the raw path cuts them. */
    private static final int MAX_BATCH_BYTES = 512 * 1024 * 1024;

    private final IngestOptions options;
    private final PrintStream out;

    private IngestBenchmark(IngestOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        IngestOptions options;
        try {
            options = IngestOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("ingest benchmark: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (options == null) {
            System.out.println(IngestOptions.USAGE);
            return;
        }
        try {
            IngestReport report = new IngestBenchmark(options, System.out).run();
            System.exit(report.disturbed() ? 3 : !report.decided() ? 4 : report.passes() ? 0 : 2);
        } catch (Exception e) {
            System.err.println("ingest benchmark FAILED: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    private IngestReport run() throws Exception {
        try (EmbeddedNode node = EmbeddedNode.startIf(options)) {
            URI url = node == null ? options.esUrl() : node.url();
            ObjectMapper mapper = new ObjectMapper();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            CpuMonitor cpu = new CpuMonitor(node == null ? OptionalLong.empty() : OptionalLong.of(node.pid()));
            try (ElasticsearchConnection connection = ElasticsearchConnection.open(StoreConfig.of(url), mapper)) {
                return measure(url, mapper, http, connection, node != null, cpu);
            }
        }
    }

    private IngestReport measure(URI url, ObjectMapper mapper, HttpClient http, ElasticsearchConnection connection,
                            boolean embedded, CpuMonitor cpu) throws Exception {
        BenchCluster cluster = new BenchCluster(http, url, mapper);
        refuseToDeleteForeignData(cluster, embedded);
        SchemaInstaller installer = new SchemaInstaller(connection, mapper, "30d");
        ElasticsearchStore store = new ElasticsearchStore(connection);
        BulkIndexer indexer = new BulkIndexer(connection, mapper, RetryPolicy.defaults(), options.batchSize(),
                MAX_BATCH_BYTES);

        List<LogRecord> records = new TrafficGenerator()
                .generate(options.records(), System.currentTimeMillis(), WINDOW.toMillis());
        NdjsonBatches batches = NdjsonBatches.of(indexer, records, options.batchSize());
        printHeader(url, embedded, cluster.describe(), records, batches);

        Set<String> indices = new TreeSet<>();
        records.forEach(r -> indices.add(IndexNames.dailyIndex(r.tsMs())));
        Runner runner = new Runner(cluster, installer, store, cpu, indices);
        int warmup = Math.min(options.warmup(), records.size());
        if (warmup > 0) {
            // Both paths, each first once, so that neither meets a node (or a JIT) the other has warmed alone.
            List<LogRecord> head = records.subList(0, Math.max(1, warmup / 2));
            NdjsonBatches headBatches = NdjsonBatches.of(indexer, head, options.batchSize());
            IngestPath store1 = new StorePath(indexer, head, headBatches.bodies().size());
            IngestPath raw1 = new RawBulkPath(http, url, headBatches);
            for (IngestPath path : List.of(store1, raw1, raw1, store1)) {
                IngestReport.Run run = runner.timed(path);
                out.printf(Locale.ROOT, "warm-up %-5s %,9d docs in %6.2f s%n", path.name(), head.size(),
                        run.nanos() / 1e9);
            }
        }

        IngestPath storePath = new StorePath(indexer, records, batches.bodies().size());
        IngestPath rawPath = new RawBulkPath(http, url, batches);
        RoundOrder order = new RoundOrder(options.rounds(), options.seed());
        IngestReport report = new IngestReport(records.size());
        for (int round = 1; round <= options.rounds(); round++) {
            boolean storeFirst = order.storeFirst(round);
            IngestPath first = storeFirst ? storePath : rawPath;
            IngestPath second = storeFirst ? rawPath : storePath;
            IngestReport.Run firstRun = runner.timed(first);
            progress(round, first, firstRun);
            IngestReport.Run secondRun = runner.timed(second);
            progress(round, second, secondRun);
            report.add(new IngestReport.Round(round, storeFirst, storeFirst ? firstRun : secondRun,
                    storeFirst ? secondRun : firstRun));
        }
        report.encodeOnly(encodeOnly(indexer, records, options.batchSize()));
        cluster.deleteTaplineIndices();
        report.print(out);
        return report;
    }

    /**
     * Best of three passes of the serialization alone, batch by batch as the store encodes (no I/O), to tell how
     * much of the store's time it explains.
     */
    private static long encodeOnly(BulkIndexer indexer, List<LogRecord> records, int batchSize) {
        long best = Long.MAX_VALUE;
        long sink = 0;
        for (int pass = 0; pass < 3; pass++) {
            long start = System.nanoTime();
            for (int from = 0; from < records.size(); from += batchSize) {
                sink += indexer.bulkBody(records.subList(from, Math.min(records.size(), from + batchSize))).length;
            }
            best = Math.min(best, System.nanoTime() - start);
        }
        if (sink == 0) {
            throw new IllegalStateException("nothing was encoded");
        }
        return best;
    }

    private void refuseToDeleteForeignData(BenchCluster cluster, boolean embedded) throws Exception {
        List<String> existing = cluster.taplineIndices();
        if (!embedded && !existing.isEmpty() && !options.deleteExisting()) {
            throw new IllegalStateException("the cluster already holds " + existing.size() + " " + IndexNames.PATTERN
                    + " indices (e.g. " + existing.get(0) + "); the benchmark deletes them before every run. "
                    + "Use a scratch cluster, or pass --delete-existing");
        }
    }

    private void printHeader(URI url, boolean embedded, BenchCluster.NodeFacts node, List<LogRecord> records,
                             NdjsonBatches batches) {
        Runtime rt = Runtime.getRuntime();
        long withBody = records.stream().filter(r -> r.requestBody() != null || r.responseBody() != null).count();
        long indices = records.stream().map(r -> IndexNames.dailyIndex(r.tsMs())).distinct().count();
        out.printf(Locale.ROOT, "Tapline ingest benchmark: %,d records, batches of %,d, %d rounds (order seed %d),"
                        + " warm-up %,d per path%n", options.records(), options.batchSize(), options.rounds(),
                options.seed(), Math.min(options.warmup(), options.records()));
        out.printf(Locale.ROOT, "machine:       %d cores, %s %s, JVM %s (%s), bench heap max %,d MB%n",
                rt.availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                Runtime.version(), System.getProperty("java.vm.name"), rt.maxMemory() >> 20);
        out.printf(Locale.ROOT, "elasticsearch: %s at %s (%s), JVM %s, heap %,d MB, %d processors%n",
                node.version(), url, embedded ? "embedded node" : "existing cluster", node.jvm(),
                node.heapMaxBytes() >> 20, node.processors());
        out.printf(Locale.ROOT, "documents:     %,d in %d daily indices, %,.1f MB of NDJSON (%,d B per record with"
                        + " its action line), %.1f%% with a captured body; %d requests per path per run%n",
                batches.documents(), indices, batches.bytes() / 1048576.0, batches.bytes() / batches.documents(),
                100.0 * withBody / records.size(), batches.bodies().size());
        out.println("both paths:    one request in flight, same batches, same _id, same filter_path ("
                + RawBulkPath.FILTER_PATH + "); indices deleted and created empty before each run");
        out.println();
    }

    private void progress(int round, IngestPath path, IngestReport.Run run) {
        double seconds = run.nanos() / 1e9;
        CpuMonitor.Usage cpu = run.cpu();
        out.printf(Locale.ROOT, "round %d %-5s %,9d docs in %6.2f s = %,9.0f docs/s  (CPU s: bench %.1f, es %.1f,"
                        + " others %.1f; node %s)%n", round, path.name(), path.documents(), seconds,
                path.documents() / seconds, cpu.bench(), cpu.elasticsearch(), cpu.others(),
                run.settledMs() < 0 ? "NOT quiet after 10 s" : "quiet after " + run.settledMs() + " ms");
    }

    /**
     * Times one path from freshly created, empty Tapline indices and checks that every document arrived. Before the
     * clock starts: the indices of the last run are deleted, the template installed, the new (empty) indices
     * created and started, the bench JVM's heap collected, and the node given up to 10 s to finish what the last
     * run and the deletes left it (below 0.15 cores), so that no run pays for the one before it.
     */
    private record Runner(BenchCluster cluster, SchemaInstaller installer, ElasticsearchStore store, CpuMonitor cpu,
                          Set<String> indices) {
        IngestReport.Run timed(IngestPath path) throws Exception {
            cluster.deleteTaplineIndices();
            installer.install();
            cluster.createIndices(indices);
            System.gc();
            long settledMs = cpu.awaitQuietNode(0.15, 10_000);
            CpuMonitor.Sample before = cpu.sample();
            long start = System.nanoTime();
            path.run();
            long nanos = System.nanoTime() - start;
            CpuMonitor.Usage usage = cpu.between(before, cpu.sample());
            store.refresh();
            long count = cluster.count();
            if (count != path.documents()) {
                throw new IllegalStateException(path.name() + " run stored " + count + " documents in "
                        + IndexNames.PATTERN + ", expected " + path.documents());
            }
            return new IngestReport.Run(nanos, usage, settledMs);
        }
    }

    /** The embedded node and its temporary directory; both go away on close or when the JVM exits. */
    private static final class EmbeddedNode implements AutoCloseable {
        private final Path dir;
        private final EmbeddedElasticsearch node;
        private final Thread hook = new Thread(this::stop, "ingest-bench-cleanup");
        private boolean stopped;

        private EmbeddedNode(Path dir, EmbeddedElasticsearch node) {
            this.dir = dir;
            this.node = node;
        }

        static EmbeddedNode startIf(IngestOptions options) throws IOException {
            if (!options.embedded()) {
                return null;
            }
            Path dir = Files.createTempDirectory("tapline-bench-ingest-");
            EmbeddedElasticsearch es = EmbeddedElasticsearch.builder().dataDir(dir).heapMb(options.esHeapMb()).build();
            EmbeddedNode node = new EmbeddedNode(dir, es);
            // Ctrl-C during a long run must not leave the node's data behind in the temp directory.
            Runtime.getRuntime().addShutdownHook(node.hook);
            System.out.println("starting embedded Elasticsearch under " + dir + " ...");
            es.start();
            return node;
        }

        URI url() {
            return node.httpUri();
        }

        long pid() {
            return node.pid();
        }

        @Override
        public void close() {
            stop();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyExiting) {
                // the hook is running or has run
            }
        }

        private synchronized void stop() {
            if (stopped) {
                return;
            }
            stopped = true;
            node.close();
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                System.err.println("could not delete " + dir + ": " + e.getMessage());
            }
        }
    }
}
