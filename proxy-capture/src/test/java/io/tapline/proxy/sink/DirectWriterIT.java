package io.tapline.proxy.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.proxy.spool.DiskSpool;
import io.tapline.schema.LogRecord;
import io.tapline.store.BulkIndexer;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.ElasticsearchStore;
import io.tapline.store.LogQuery;
import io.tapline.store.RetryPolicy;
import io.tapline.store.SchemaInstaller;
import io.tapline.store.StoreConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(EmbeddedElasticsearchExtension.class)
class DirectWriterIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200));
    /** How long Elasticsearch stays unreachable; {@code -Dtapline.test.sinkOutageMs=30000} runs the 30 s case. */
    private static final long OUTAGE_MS = Long.getLong("tapline.test.sinkOutageMs", 3000);
    private final SinkTestRecords records = new SinkTestRecords();

    @TempDir
    Path dir;

    @BeforeAll
    static void installSchema(URI es) {
        try (ElasticsearchConnection conn = ElasticsearchConnection.open(StoreConfig.of(es), MAPPER)) {
            new SchemaInstaller(conn, MAPPER, "30d").install();
        }
    }

    @Test
    void storesExactlyOneDocumentPerAcceptedRecordAfterElasticsearchWasUnreachableUnderSteadyTraffic(URI es)
            throws Exception {
        String project = "proj_direct_outage";
        List<LogRecord> sent = new ArrayList<>();
        try (TcpForwarder forwarder = new TcpForwarder(es.getHost(), es.getPort());
             ElasticsearchConnection viaForwarder = open(URI.create("http://127.0.0.1:" + forwarder.port()))) {
            BulkIndexer indexer = new BulkIndexer(viaForwarder, MAPPER, FAST, 500, 8 << 20);
            try (SinkPipeline pipeline = SinkTestRecords.pipeline(new DirectWriter(indexer)).maxBatch(500)
                    .spool(new DiskSpool(dir, 256 << 20, 1 << 20)).build()) {
                produce(pipeline, project, sent, Duration.ofSeconds(1));
                forwarder.refuse();
                long downSince = System.nanoTime();
                while (System.nanoTime() - downSince < OUTAGE_MS * 1_000_000 || pipeline.stats().writeFailures() == 0) {
                    produce(pipeline, project, sent, Duration.ofMillis(50));
                    assertThat(Duration.ofNanos(System.nanoTime() - downSince))
                            .isLessThan(Duration.ofMillis(OUTAGE_MS + 30_000));
                }
                forwarder.resume();
                produce(pipeline, project, sent, Duration.ofSeconds(1));

                assertThat(pipeline.flush(Duration.ofMillis(Math.max(60_000, OUTAGE_MS * 5)))).isTrue();
                SinkStats stats = pipeline.stats();
                assertThat(stats.accepted()).isEqualTo(sent.size());
                assertThat(stats.dropped()).isZero();
                assertThat(stats.rejected()).isZero();
                assertThat(stats.spooled()).isPositive();
                assertThat(stats.replayed()).isEqualTo(stats.spooled());
            }
        }
        assertThat(storedCount(es, project)).isEqualTo(sent.size());
    }

    @Test
    void anEnricherThatThrowsCostsNoRecordItIsStoredUnenrichedAndTagged(URI es) throws Exception {
        String project = "proj_direct_enrich";
        List<LogRecord> sent = records.next(project, 20);
        EnrichedDocuments documents = new EnrichedDocuments(doc -> {
            String url = String.valueOf(((Map<?, ?>) doc.get("url")).get("original"));
            @SuppressWarnings("unchecked")
            Map<String, Object> tapline = (Map<String, Object>) doc.get("tapline");
            tapline.put("enrichment", new LinkedHashMap<>(Map.of("route", "/orders/{id}")));
            if (url.endsWith("3")) {
                throw new IllegalStateException("rule broke"); // after a half-made change, to prove it is undone
            }
            return doc;
        });
        try (ElasticsearchConnection conn = open(es)) {
            DirectWriter writer = new DirectWriter(new BulkIndexer(conn, MAPPER, io.tapline.store.RetryPolicy.defaults(),
                    2000, 8 << 20, documents));
            assertThat(writer.write(sent)).isZero();
            ElasticsearchStore store = new ElasticsearchStore(conn);
            store.refresh();
            List<LogRecord> stored = store.search(new LogQuery(Set.of(project), 100, 0)).records();
            assertThat(stored).hasSize(20);
            assertThat(stored).filteredOn(r -> r.url().endsWith("3")).hasSize(2)
                    .allSatisfy(r -> assertThat(r.enrichment()).doesNotContainKey("route"));
            assertThat(stored).filteredOn(r -> !r.url().endsWith("3")).hasSize(18)
                    .allSatisfy(r -> assertThat(r.enrichment()).containsEntry("route", "/orders/{id}"));
            assertThat(documents.failures()).isEqualTo(2);
            long tagged = conn.client().count(c -> c.index("tapline-logs-*").query(q -> q.bool(b -> b
                    .filter(f -> f.term(t -> t.field("tags").value(EnrichedDocuments.FAILURE_TAG)))
                    .filter(f -> f.term(t -> t.field("tapline.project_id").value(project)))))).count();
            assertThat(tagged).isEqualTo(2);
        }
    }

    @Test
    void anUnreachableClusterFailsTheBatchAsUnavailableSoThePipelineKeepsIt() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        try (ElasticsearchConnection conn = open(URI.create("http://127.0.0.1:" + deadPort))) {
            DirectWriter writer = new DirectWriter(new BulkIndexer(conn, MAPPER, FAST, 100, 1 << 20));
            assertThatThrownBy(() -> writer.write(records.next("proj_direct_dead", 5)))
                    .isInstanceOf(SinkUnavailableException.class)
                    .hasMessageStartingWith("elasticsearch: ");
        }
    }

    private void produce(SinkPipeline pipeline, String project, List<LogRecord> sent, Duration time)
            throws InterruptedException {
        long end = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < end) {
            for (int i = 0; i < 2; i++) {
                LogRecord r = records.next(project);
                sent.add(r);
                pipeline.accept(r);
            }
            Thread.sleep(1);
        }
    }

    private static ElasticsearchConnection open(URI uri) {
        return ElasticsearchConnection.open(new StoreConfig(List.of(uri), null, null, null, null,
                Duration.ofSeconds(2), Duration.ofSeconds(10)), MAPPER);
    }

    private static long storedCount(URI es, String project) {
        try (ElasticsearchConnection conn = open(es)) {
            ElasticsearchStore store = new ElasticsearchStore(conn);
            store.refresh();
            return store.search(new LogQuery(Set.of(project), 1, 0)).total();
        }
    }
}
