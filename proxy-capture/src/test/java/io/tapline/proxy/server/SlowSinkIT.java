package io.tapline.proxy.server;

import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.proxy.capture.RecordFactory;
import io.tapline.proxy.routing.RoutesFile;
import io.tapline.proxy.sink.LineServer;
import io.tapline.proxy.sink.LogstashTcpWriter;
import io.tapline.proxy.sink.SinkPipeline;
import io.tapline.proxy.sink.SinkStats;
import io.tapline.proxy.spool.DiskSpool;
import io.tapline.schema.IdGenerator;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A destination slower than the traffic, over real sockets: records wait in the disk spool instead of being
 * dropped, arrive once and in order, and only a full spool loses records, each counted and reported.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
class SlowSinkIT {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void elasticsearchSlowerThanTheTrafficStoresEveryExchangeExactlyOnceAndDropsNone(URI es, @TempDir Path dir)
            throws Exception {
        CaptureStack.installSchema(es);
        int clients = 8;
        int perClient = 125;
        try (TestUpstream up = new TestUpstream();
             // 8 records per bulk request and 40 in memory: the node indexes far slower than 8 clients send.
             CaptureStack stack = new CaptureStack(es, """
                     routes:
                       - { name: slow, upstreams: [%s], projectId: proj_slow_es }
                     """.formatted(up.uri()), dir.resolve("spool"), b -> b.maxBatch(8).memoryCapacity(40))) {
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            AtomicInteger ok = new AtomicInteger();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perClient; i++) {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(stack.uri("/c" + client + "/" + i))
                                .build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            ok.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            SinkStats during = stack.pipeline.stats();
            assertThat(ok.get()).isEqualTo(clients * perClient);
            assertThat(stack.pipeline.flush(Duration.ofSeconds(120))).as("the spool drained").isTrue();
            SinkStats stats = stack.pipeline.stats();
            assertThat(stats.spooled()).as("records waited in the spool (%s while the traffic ran)", during)
                    .isPositive();
            assertThat(stats.replayed()).isEqualTo(stats.spooled());
            assertThat(stats.dropped()).isZero();
            assertThat(stats.rejected()).isZero();
            assertThat(stats.written()).isEqualTo(2L * clients * perClient);
        }
        // A record's id is its document id: a record stored twice would still count once, one lost would be missing.
        assertThat(CaptureStack.storedCount(es, "proj_slow_es")).isEqualTo(2L * clients * perClient);
    }

    @Test
    void aLogstashReceiverSlowerThanTheTrafficGetsEveryExchangeOnceAndInOrder(@TempDir Path dir) throws Exception {
        int exchanges = 1_500;
        try (LineServer logstash = new LineServer(1024, 5); // ~200 KB/s at most: far slower than the traffic below
             TestUpstream up = new TestUpstream()) {
            Stack stack = new Stack(logstash, up, new DiskSpool(dir, 256L << 20, 1L << 20));
            try (stack) {
                sendSequentially(stack.proxy, exchanges);
                SinkStats during = stack.pipeline.stats();
                assertThat(stack.pipeline.flush(Duration.ofSeconds(120))).isTrue();
                SinkStats stats = stack.pipeline.stats();
                assertThat(stats.spooled()).as("records waited in the spool (%s while the traffic ran)", during)
                        .isPositive();
                assertThat(stats.dropped()).isZero();
                assertThat(stats.written()).isEqualTo(2L * exchanges);
            }
            List<LogRecord> received = logstash.awaitReceived(2 * exchanges, 10_000);
            assertThat(logstash.badLines.get()).isZero();
            assertThat(received).hasSize(2 * exchanges);
            // One client connection, one request at a time: the proxy made the records in id order.
            for (int i = 1; i < received.size(); i++) {
                assertThat(received.get(i).id()).as("record %d arrived after a newer one", i)
                        .isGreaterThan(received.get(i - 1).id());
            }
            Map<String, List<Kind>> byTrace = new HashMap<>();
            received.forEach(r -> byTrace.computeIfAbsent(r.traceId(), t -> new ArrayList<>()).add(r.kind()));
            assertThat(byTrace).hasSize(exchanges)
                    .allSatisfy((trace, kinds) -> assertThat(kinds).containsExactly(Kind.REQUEST, Kind.RESPONSE));
        }
    }

    @Test
    void aTinySpoolUnderASlowReceiverDropsOnlyWhatItCountsAndReportsTheExactCountInAnEvent(@TempDir Path dir)
            throws Exception {
        int exchanges = 1_500;
        try (LineServer logstash = new LineServer(1024, 5); TestUpstream up = new TestUpstream()) {
            Stack stack = new Stack(logstash, up, new DiskSpool(dir, 64 * 1024, 16 * 1024)); // ~100 records
            SinkStats stats;
            try (stack) {
                sendSequentially(stack.proxy, exchanges);
                assertThat(stack.pipeline.flush(Duration.ofSeconds(120))).isTrue();
                stats = stack.pipeline.stats();
            }
            assertThat(stats.droppedSpoolFull()).as("a 64 KiB spool cannot hold the backlog").isPositive();
            assertThat(stats.droppedQueueFull()).isZero();
            assertThat(stats.droppedClosed()).isZero();
            List<LogRecord> received = logstash.awaitReceived((int) stats.written(), 10_000);
            assertThat(received).hasSize((int) stats.written());
            List<LogRecord> exchangeRecords = received.stream().filter(CaptureStack::isExchangeRecord).toList();
            List<LogRecord> events = received.stream().filter(r -> "records_dropped".equals(r.action())).toList();
            assertThat(exchangeRecords.size() + events.size()).isEqualTo(received.size());
            assertThat(exchangeRecords.size() + stats.droppedSpoolFull()).isEqualTo(2L * exchanges);
            assertThat(events).isNotEmpty().allSatisfy(e -> {
                assertThat(e.kind()).isEqualTo(Kind.EVENT);
                assertThat(e.level()).isEqualTo(Level.WARN);
                assertThat(e.enrichment()).containsEntry("reason", "spool full");
            });
            long reported = events.stream().mapToLong(e -> ((Number) e.enrichment().get("dropped")).longValue()).sum();
            assertThat(reported).as("the events report exactly the records dropped").isEqualTo(stats.droppedSpoolFull());
            assertThat(exchangeRecords).extracting(LogRecord::id).doesNotHaveDuplicates();
        }
    }

    /** The proxy with a Logstash sink (TCP JSON lines) to {@code logstash}, 40 records in memory, then the spool. */
    private final class Stack implements AutoCloseable {
        final SinkPipeline pipeline;
        final ProxyServer proxy;

        Stack(LineServer logstash, TestUpstream upstream, DiskSpool spool) {
            IdGenerator ids = new IdGenerator(9);
            RecordFactory records = new RecordFactory(ids, System::currentTimeMillis);
            // A 64 KiB socket buffer: what the kernel holds for a slow Logstash is small, the rest waits here.
            LogstashTcpWriter writer = new LogstashTcpWriter("127.0.0.1", logstash.port(), Duration.ofSeconds(2),
                    Duration.ofSeconds(10), 64 * 1024);
            pipeline = SinkPipeline.builder(writer)
                    .spool(spool).maxBatch(100).memoryCapacity(40).linger(Duration.ofMillis(20))
                    .ids(ids).eventTemplate(() -> records.event(null, null, "records_dropped", Level.WARN, "", null))
                    .build();
            ProxySnapshot snapshot = ProxySnapshot.of(RoutesFile.parse("""
                    routes:
                      - { name: slow, upstreams: [%s], projectId: proj_slow_ls }
                    """.formatted(upstream.uri()), "slow-routes.yaml"));
            proxy = ProxyServer.builder().port(0).snapshots(() -> snapshot).sink(pipeline).records(records).build()
                    .start();
        }

        @Override
        public void close() {
            proxy.close();
            pipeline.close();
        }
    }

    /** Sends {@code n} GETs one after the other on one keep-alive connection, each answered 200. */
    private void sendSequentially(ProxyServer proxy, int n) throws IOException {
        try (RawClient client = new RawClient(proxy.address().getPort())) {
            for (int i = 0; i < n; i++) {
                client.send("GET /seq/" + i + " HTTP/1.1\r\nHost: test\r\n\r\n");
                String head = readResponse(client.in);
                assertThat(head).startsWith("HTTP/1.1 200");
            }
        }
    }

    /** Reads one response with a Content-Length body; returns its head. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.size() >= 4 && head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return text;
    }
}
