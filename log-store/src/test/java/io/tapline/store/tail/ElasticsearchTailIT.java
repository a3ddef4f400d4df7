package io.tapline.store.tail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.schema.IdGenerator;
import io.tapline.schema.IndexNames;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.schema.Source;
import io.tapline.store.BulkIndexer;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.ElasticsearchStore;
import io.tapline.store.SchemaInstaller;
import io.tapline.store.StoreConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tail's reads against a real node. The records are captured "in 2090": ids near 2^63, where neighbouring ids
 * are 1 apart but doubles 1,024 apart, so any bound that travelled as a double would show; and a daily index of
 * their own, so that the other integration tests' records (this JVM shares the node) never fall in a range.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ElasticsearchTailIT {

    private static final long CAPTURED = Instant.parse("2090-03-01T12:00:00Z").toEpochMilli();
    private ElasticsearchConnection connection;
    private ElasticsearchTail tail;
    /** 2,500 consecutive ids of one generator, all indexed. */
    private List<LogRecord> records;

    @BeforeAll
    void load(URI es) {
        ObjectMapper mapper = new ObjectMapper();
        connection = ElasticsearchConnection.open(StoreConfig.of(es), mapper);
        new SchemaInstaller(connection, mapper, "30d").install();
        // One millisecond holds 4,096 ids of a generator: all 2,500 share it, so neighbours differ by exactly 1.
        IdGenerator ids = new IdGenerator(9, () -> CAPTURED);
        records = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            long id = ids.nextId();
            records.add(record(id));
        }
        assertThat(records.get(1).id() - records.get(0).id()).isEqualTo(1);
        assertThat(Math.ulp((double) records.get(0).id())).isGreaterThanOrEqualTo(1_024.0);
        assertThat(new BulkIndexer(connection, mapper).index(records).rejected()).isEmpty();
        new ElasticsearchStore(connection).refresh();
        tail = new ElasticsearchTail(connection);
    }

    @AfterAll
    void close() throws Exception {
        connection.client().indices().delete(d -> d.index(IndexNames.dailyIndex(CAPTURED)));
        connection.close();
    }

    @Test
    void aPollReadsAboveTheCursorAndCountsTheWindowBelowItInOneView() {
        long floor = id(99);
        long cursor = id(1_199);
        ElasticsearchTail.Poll poll = tail.after(cursor, floor, 2_000);
        assertThat(poll.records()).extracting(LogRecord::id).containsExactlyElementsOf(ids(1_200, 2_500));
        assertThat(poll.records().get(0)).isEqualTo(records.get(1_200));
        assertThat(poll.settled()).isEqualTo(1_100); // ids 100..1199
    }

    @Test
    void aFullPageLeavesTheWindowUncounted() {
        ElasticsearchTail.Poll poll = tail.after(id(1_199), id(99), 500);
        assertThat(poll.records()).extracting(LogRecord::id).containsExactlyElementsOf(ids(1_200, 1_700));
        assertThat(poll.settled()).isEqualTo(-1);
    }

    @Test
    void withoutAWindowOnlyTheNewRecordsAreRead() {
        ElasticsearchTail.Poll poll = tail.after(id(2_400), id(2_400), 1_000);
        assertThat(poll.records()).extracting(LogRecord::id).containsExactlyElementsOf(ids(2_401, 2_500));
        assertThat(poll.settled()).isEqualTo(-1);
        assertThat(tail.after(id(2_499), id(0), 10).records()).isEmpty();
        assertThat(tail.after(id(2_499), id(0), 10).settled()).isEqualTo(2_499);
    }

    @Test
    void rangesAreCountedExactlyOnNeighbouringIds() {
        long[] bounds = {id(0) - 1, id(0), id(1), id(2), id(1_000), id(2_499), id(2_499) + 1_000_000};
        assertThat(tail.counts(bounds)).containsExactly(1, 1, 1, 998, 1_499, 0);
        assertThat(tail.counts(new long[]{id(5)})).isEmpty();
        assertThat(tail.counts(new long[]{Long.MAX_VALUE - 10, Long.MAX_VALUE})).containsExactly(0);
    }

    @Test
    void missingReadsOnlyTheUnknownIdsOfARangeInOrder() {
        List<Long> known = new ArrayList<>(ids(10, 21));
        known.remove(Long.valueOf(id(13)));
        known.remove(Long.valueOf(id(17)));
        known.add(id(25)); // outside the range: harmless
        List<LogRecord> found = tail.missing(id(9), id(21), known, 100);
        assertThat(found).extracting(LogRecord::id).containsExactly(id(13), id(17), id(21));
        assertThat(found.get(1)).isEqualTo(records.get(17));
        assertThat(tail.missing(id(9), id(21), List.of(), 5)).extracting(LogRecord::id)
                .containsExactlyElementsOf(ids(10, 15));
        assertThat(tail.missing(id(9), id(21), ids(10, 22), 5)).isEmpty();
        assertThat(tail.missing(id(21), id(9), List.of(), 5)).isEmpty();
    }

    private long id(int i) {
        return records.get(i).id();
    }

    /** Ids of records {@code from} (inclusive) to {@code to} (exclusive). */
    private List<Long> ids(int from, int to) {
        return records.subList(from, to).stream().map(LogRecord::id).toList();
    }

    private static LogRecord record(long id) {
        return LogRecord.builder().id(id).traceId("trace-" + id).tsMs(IdGenerator.timestampOf(id))
                .kind(Kind.RESPONSE).level(Level.INFO).projectId("tail_store_it").containerId("cnt_tail")
                .serviceName("svc-tail").method("GET").url("/v1/items/" + id + "?page=2").clientIp("10.0.0.9")
                .status(200).bytesOut(512L).durationMs(12L).userAgent("tail-it/1.0").source(Source.BACKEND)
                .requestHeaders(Map.of("accept", "application/json")).enrichment(Map.of("n", 1)).build();
    }
}
