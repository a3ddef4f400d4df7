package io.tapline.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.schema.Body;
import io.tapline.schema.EcsCodec;
import io.tapline.schema.IndexNames;
import io.tapline.schema.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@link BulkIndexer} puts on the wire, read back from a real proxy in front of the embedded node. */
@ExtendWith(EmbeddedElasticsearchExtension.class)
class BulkIndexerBodyIT {
    private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(50));
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void sendsForEveryRecordExactlyTheBytesOfItsDocumentMapWrittenByTheMapper(URI es) throws Exception {
        List<LogRecord> records = withOddOnes(TestRecords.generate(250, 1_600_400_000_000L, 1_000, "proj_body"));
        try (FaultInjectingProxy proxy = new FaultInjectingProxy(es);
             ElasticsearchConnection conn = open(proxy.uri())) {
            BulkIndexer indexer = new BulkIndexer(conn, mapper, FAST, 100, 1 << 20);

            BulkResult result = indexer.index(records);

            assertThat(result.indexed()).isEqualTo(records.size());
            assertThat(proxy.bulkBodies).hasSize(3);
            for (int b = 0; b < 3; b++) {
                List<LogRecord> slice = records.subList(b * 100, Math.min(records.size(), (b + 1) * 100));
                assertThat(text(proxy.bulkBodies.get(b))).as("body %d", b)
                        .isEqualTo(text(expected(slice, EcsCodec::toDocument)));
            }
            assertThat(indexer.bulkBody(records)).isEqualTo(expected(records, EcsCodec::toDocument));
        }
        assertThat(countOf(es, "proj_body")).isEqualTo(records.size());
    }

    @Test
    void aDocumentFunctionIsWrittenByTheMapperAsBefore(URI es) throws Exception {
        Function<LogRecord, Map<String, Object>> enriched = record -> {
            Map<String, Object> doc = EcsCodec.toDocument(record);
            @SuppressWarnings("unchecked")
            Map<String, Object> tapline = (Map<String, Object>) doc.get("tapline");
            tapline.put("enrichment", Map.of("class", "added \u00e9", "slow", true));
            return doc;
        };
        List<LogRecord> records = TestRecords.generate(120, 1_600_500_000_000L, 1, "proj_function");
        try (FaultInjectingProxy proxy = new FaultInjectingProxy(es);
             ElasticsearchConnection conn = open(proxy.uri())) {
            BulkIndexer indexer = new BulkIndexer(conn, mapper, FAST, 1_000, 1 << 20, enriched);

            assertThat(indexer.index(records).indexed()).isEqualTo(120);
            assertThat(proxy.bulkBodies).hasSize(1);
            assertThat(text(proxy.bulkBodies.get(0))).isEqualTo(text(expected(records, enriched)));
        }
        assertThat(countOf(es, "proj_function")).isEqualTo(120);
    }

    @Test
    void cutsBatchesByBytesAsBeforeAndSendsAnOutsizedRecordAlone(URI es) throws Exception {
        List<LogRecord> records = new ArrayList<>(TestRecords.generate(60, 1_600_600_000_000L, 1, "proj_bytes"));
        records.set(17, records.get(17).toBuilder()
                .responseBody(new Body("x".repeat(6_000), true, "text/plain")).build());
        int maxBytes = 4_096;
        try (FaultInjectingProxy proxy = new FaultInjectingProxy(es);
             ElasticsearchConnection conn = open(proxy.uri())) {
            BulkIndexer indexer = new BulkIndexer(conn, mapper, FAST, 1_000, maxBytes);

            assertThat(indexer.index(records).indexed()).isEqualTo(60);

            List<byte[]> expectedBodies = cutByBytes(records, maxBytes);
            assertThat(proxy.bulkBodies).hasSameSizeAs(expectedBodies);
            for (int b = 0; b < expectedBodies.size(); b++) {
                assertThat(proxy.bulkBodies.get(b)).as("body %d", b).isEqualTo(expectedBodies.get(b));
            }
            assertThat(proxy.bulkBodies).anyMatch(body -> body.length > maxBytes && lines(body) == 2);
            assertThat(proxy.bulkBodies).allMatch(body -> body.length <= maxBytes || lines(body) == 2);
        }
        assertThat(countOf(es, "proj_bytes")).isEqualTo(60);
    }

    @Test
    void anItemToRetryIsSentAgainAloneByteForByte(URI es) throws Exception {
        List<LogRecord> records = TestRecords.generate(30, 1_600_700_000_000L, 1, "proj_retry_bytes");
        try (FaultInjectingProxy proxy = new FaultInjectingProxy(es);
             ElasticsearchConnection conn = open(proxy.uri())) {
            proxy.throttleFirstItemOnce.set(1);
            BulkIndexer indexer = new BulkIndexer(conn, mapper, FAST, 1_000, 1 << 20);

            assertThat(indexer.index(records).indexed()).isEqualTo(30);

            assertThat(proxy.bulkBodies).hasSize(2);
            assertThat(proxy.bulkBodies.get(1)).isEqualTo(expected(records.subList(0, 1), EcsCodec::toDocument));
        }
    }

    @Test
    void aLaterSmallerCallSendsNothingLeftOverFromAnEarlierLargerOne(URI es) throws Exception {
        List<LogRecord> first = TestRecords.generate(300, 1_600_800_000_000L, 1, "proj_reuse");
        List<LogRecord> second = TestRecords.generate(3, 1_600_900_000_000L, 1, "proj_reuse_2");
        try (FaultInjectingProxy proxy = new FaultInjectingProxy(es);
             ElasticsearchConnection conn = open(proxy.uri())) {
            BulkIndexer indexer = new BulkIndexer(conn, mapper, FAST, 100, 1 << 20);
            indexer.index(first);

            assertThat(indexer.index(second).indexed()).isEqualTo(3);

            assertThat(proxy.bulkBodies).hasSize(4);
            assertThat(proxy.bulkBodies.get(3)).isEqualTo(expected(second, EcsCodec::toDocument));
        }
    }

    @Test
    void aRecordThatCannotBeEncodedFailsTheCallAndTheNextCallStillSendsCleanBodies(URI es) throws Exception {
        List<LogRecord> bad = new ArrayList<>(TestRecords.generate(150, 1_601_000_000_000L, 1, "proj_bad"));
        // Too long to express in ECS's nanoseconds: the document cannot be written.
        bad.set(120, bad.get(120).toBuilder().durationMs(Long.MAX_VALUE / 10).build());
        List<LogRecord> good = TestRecords.generate(40, 1_601_100_000_000L, 1, "proj_after_bad");
        try (FaultInjectingProxy proxy = new FaultInjectingProxy(es);
             ElasticsearchConnection conn = open(proxy.uri())) {
            BulkIndexer indexer = new BulkIndexer(conn, mapper, FAST, 100, 1 << 20);

            assertThatThrownBy(() -> indexer.index(bad)).isInstanceOf(ArithmeticException.class);
            // The first batch was already on its way (as before streaming, a failed call does not wait for it).
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (proxy.bulkBodies.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(proxy.bulkBodies).containsExactly(expected(bad.subList(0, 100), EcsCodec::toDocument));
            assertThat(indexer.index(good).indexed()).isEqualTo(40);

            assertThat(proxy.bulkBodies.subList(1, proxy.bulkBodies.size()))
                    .containsExactly(expected(good, EcsCodec::toDocument));
        }
        assertThat(countOf(es, "proj_after_bad")).isEqualTo(40);
    }

    @Test
    void concurrentCallsEachStoreTheirOwnRecords(URI es) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (ElasticsearchConnection conn = open(es)) {
            BulkIndexer indexer = new BulkIndexer(conn, mapper, FAST, 50, 1 << 20);
            List<Future<BulkResult>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                // Ids of their own: generators made at the same moment with one node id would share ids.
                List<LogRecord> generated = TestRecords.generate(400, 1_601_200_000_000L + t, 4, "proj_thread_" + t);
                List<LogRecord> records = new ArrayList<>();
                for (int i = 0; i < generated.size(); i++) {
                    records.add(generated.get(i).toBuilder().id(1_000_000L * (t + 1) + i).build());
                }
                results.add(pool.submit(() -> indexer.index(records)));
            }
            for (Future<BulkResult> result : results) {
                assertThat(result.get().indexed()).isEqualTo(400);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int t = 0; t < 4; t++) {
            assertThat(countOf(es, "proj_thread_" + t)).as("thread %d", t).isEqualTo(400);
        }
    }

    /** A few records with text that must be escaped or encoded, and headers whose names differ only in case. */
    private static List<LogRecord> withOddOnes(List<LogRecord> records) {
        List<LogRecord> out = new ArrayList<>(records);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "text/html");
        headers.put("accept", "application/json");
        Map<String, Object> enrichment = new LinkedHashMap<>();
        enrichment.put("route", "/caf\u00e9/{id}");
        enrichment.put("class", null);
        enrichment.put("nested", Map.of("k", List.of(1.5, "\ud83d\ude80")));
        for (int i = 0; i < out.size(); i += 37) {
            out.set(i, out.get(i).toBuilder()
                    .message("line\nbreak \"quoted\" \\ \u0001 \u2028 \u4e2d\u6587 \ud83c\udf89")
                    .requestHeaders(headers).enrichment(enrichment).url("/caf\u00e9?q=\u00e9#x").build());
        }
        return out;
    }

    /** The lines the indexer sent before it streamed: action line, then the mapper's bytes of the document. */
    private byte[] expected(List<LogRecord> records, Function<LogRecord, Map<String, Object>> documents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (LogRecord record : records) {
            out.writeBytes(("{\"index\":{\"_index\":\"" + IndexNames.dailyIndex(record.tsMs()) + "\",\"_id\":\""
                    + record.id() + "\"}}\n").getBytes(StandardCharsets.UTF_8));
            try {
                out.writeBytes(mapper.writeValueAsBytes(documents.apply(record)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** The bodies the indexer cut before streaming: a record that would pass maxBytes starts the next body. */
    private List<byte[]> cutByBytes(List<LogRecord> records, int maxBytes) {
        List<byte[]> bodies = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (LogRecord record : records) {
            byte[] lines = expected(List.of(record), EcsCodec::toDocument);
            if (body.size() > 0 && body.size() + lines.length > maxBytes) {
                bodies.add(body.toByteArray());
                body.reset();
            }
            body.writeBytes(lines);
        }
        bodies.add(body.toByteArray());
        return bodies;
    }

    private static int lines(byte[] body) {
        int n = 0;
        for (byte b : body) {
            n += b == '\n' ? 1 : 0;
        }
        return n;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A connection, with the schema installed: documents meet the real template whichever test runs first. */
    private ElasticsearchConnection open(URI uri) {
        ElasticsearchConnection conn = ElasticsearchConnection.open(StoreConfig.of(uri), mapper);
        new SchemaInstaller(conn, mapper, "30d").install();
        return conn;
    }

    private long countOf(URI es, String project) {
        try (ElasticsearchConnection conn = open(es)) {
            ElasticsearchStore store = new ElasticsearchStore(conn);
            store.refresh();
            return store.search(new LogQuery(Set.of(project), 1, 0)).total();
        }
    }
}
