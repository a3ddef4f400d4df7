package io.tapline.bench.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.api.ApiServer;
import io.tapline.api.auth.Principal;
import io.tapline.api.feed.ElasticsearchTailSource;
import io.tapline.api.feed.InProcessSource;
import io.tapline.api.feed.RingFeed;
import io.tapline.api.feed.SeqEpoch;
import io.tapline.api.limit.EndpointGroup;
import io.tapline.api.limit.RateLimit;
import io.tapline.api.limit.RateLimitConfig;
import io.tapline.embedded.EmbeddedElasticsearch;
import io.tapline.enrich.Enricher;
import io.tapline.schema.ApiCodec;
import io.tapline.schema.EcsCodec;
import io.tapline.schema.IdGenerator;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.schema.Source;
import io.tapline.store.BulkIndexer;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.ElasticsearchStore;
import io.tapline.store.SchemaInstaller;
import io.tapline.store.SearchStore;
import io.tapline.store.StoreConfig;
import io.tapline.store.tail.ElasticsearchTail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The server side of the stream benchmark, run in its own JVM so that its memory is measured alone: an
 * {@link ApiServer} whose feed is filled by one of the two production sources, a publisher at a constant rate
 * driven over stdin ({@code publish <rate> <seconds>}, {@code quit}), and {@code /metrics} on the admin listener
 * reporting the heap and direct memory in use after a full GC. Each record's {@code traceId} carries
 * {@code System.nanoTime()} at capture (CLOCK_MONOTONIC, shared by the processes of one host).
 */
public final class StreamServer {

    private StreamServer() {
    }

    public static void main(String[] args) throws Exception {
        String source = args.length > 0 ? args[0] : "inprocess";
        int projects = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        ObjectMapper mapper = new ObjectMapper();
        RingFeed feed = new RingFeed(RingFeed.DEFAULT_CAPACITY, SeqEpoch.fromClock(System::currentTimeMillis),
                ApiCodec::toEntry, mapper);
        List<AutoCloseable> resources = new ArrayList<>();
        Consumer<List<LogRecord>> publish;
        if ("es".equals(source)) {
            Path dir = Files.createTempDirectory("tapline-bench-stream-es");
            EmbeddedElasticsearch node = EmbeddedElasticsearch.builder().dataDir(dir).heapMb(768).build().start();
            resources.add(node);
            ElasticsearchConnection connection = ElasticsearchConnection.open(StoreConfig.of(node.httpUri()), mapper);
            resources.add(connection);
            new SchemaInstaller(connection, mapper, "30d").install();
            BulkIndexer indexer = new BulkIndexer(connection, mapper);
            // Logstash's role: each 50 ms batch goes to Elasticsearch in one bulk request (default 1 s refresh).
            publish = indexer::index;
            resources.add(new ElasticsearchTailSource(feed, new ElasticsearchTail(connection),
                    ElasticsearchTailSource.DEFAULT_POLL, ElasticsearchTailSource.DEFAULT_SETTLE,
                    System::currentTimeMillis));
            new ElasticsearchStore(connection).refresh();
        } else {
            Enricher enricher = Enricher.withDefaults();
            InProcessSource in = new InProcessSource(feed,
                    r -> EcsCodec.fromDocument(enricher.enrich(EcsCodec.toDocument(r))),
                    InProcessSource.DEFAULT_QUEUE_CAPACITY);
            resources.add(in);
            publish = batch -> batch.forEach(in::publish);
        }
        ApiServer api = ApiServer.builder()
                .store(noSearch())
                .entryRenderer(ApiCodec::toEntry)
                .tenantPort(0)
                .adminPort(0)
                .adminToken("bench-admin")
                .tenantAuthenticator(exchange -> Optional.ofNullable(exchange.getRequestHeaders()
                        .getFirst("X-Bench-Tenant")).map(t -> Principal.tenant(t, Set.of("p" + t.substring(1)))))
                .liveFeed(feed)
                .rateLimits(RateLimitConfig.defaults().with(EndpointGroup.STREAM, RateLimit.perMinute(1_000_000))
                        .withMaxStreams(100_000))
                .metrics(StreamServer::memory)
                .build()
                .start();
        resources.add(api);
        System.out.println("ready tenant=" + api.tenantAddress().getPort() + " admin=" + api.adminAddress().getPort());
        System.out.flush();

        IdGenerator ids = new IdGenerator(5);
        AtomicBoolean stop = new AtomicBoolean();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !line.equals("quit")) {
            String[] cmd = line.trim().split("\\s+");
            if (cmd[0].equals("publish")) {
                int rate = Integer.parseInt(cmd[1]);
                int seconds = Integer.parseInt(cmd[2]);
                long tickMs = "es".equals(source) ? 50 : 10;
                Thread t = new Thread(() -> publishAtRate(publish, ids, projects, rate, tickMs,
                        Duration.ofSeconds(seconds), stop),
                        "bench-publisher");
                t.setDaemon(true);
                t.start();
            }
        }
        stop.set(true);
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        System.exit(0);
    }

    /**
     * {@code rate} records a second, handed over every {@code tickMs} (10 ms in-process; 50 ms for Elasticsearch,
     * like a Logstash batch), spread over the projects.
     */
    private static void publishAtRate(Consumer<List<LogRecord>> publish, IdGenerator ids, int projects, int rate,
                                      long tickMs, Duration duration, AtomicBoolean stop) {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long sent = 0;
        long n = 0;
        List<LogRecord> batch = new ArrayList<>();
        while (!stop.get() && System.nanoTime() < end) {
            long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
            while (sent < due) {
                long id = ids.nextId();
                int p = (int) (n++ % projects);
                batch.add(LogRecord.builder().id(id).traceId("n" + System.nanoTime()).tsMs(IdGenerator.timestampOf(id))
                        .kind(Kind.RESPONSE).level(Level.INFO).projectId("p" + p).containerId("c" + p)
                        .serviceName("svc-" + p).method("GET").url("/v1/items/" + id + "?page=2").clientIp("10.0.0." + p)
                        .status(200).bytesOut(512L).durationMs(12L).userAgent("bench/1.0").source(Source.BACKEND).build());
                sent++;
            }
            if (!batch.isEmpty()) {
                publish.accept(batch);
                batch = new ArrayList<>();
            }
            try {
                Thread.sleep(tickMs);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * The stream benchmark never searches; a proxy rather than a class keeps this main compiling while the
     * search interface grows.
     */
    private static SearchStore noSearch() {
        return (SearchStore) Proxy.newProxyInstance(SearchStore.class.getClassLoader(), new Class<?>[]{SearchStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isAvailable" -> true;
                    case "toString" -> "no search";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException("the stream benchmark does not search");
                });
    }

    private static String memory() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long direct = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            direct += pool.getMemoryUsed();
        }
        return "bench_heap_bytes " + heap + "\nbench_direct_bytes " + direct + "\n";
    }
}
