package io.tapline.api.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.api.TestEntries;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.schema.ApiCodec;
import io.tapline.schema.IdGenerator;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.schema.Source;
import io.tapline.store.BulkIndexer;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.ElasticsearchStore;
import io.tapline.store.SchemaInstaller;
import io.tapline.store.StoreConfig;
import io.tapline.store.tail.ElasticsearchTail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The follower's late-record scan against a real node, with the polls run by the test so that each one sees a
 * known state of the index: records that become visible behind the cursor, in several parts of the settle
 * window or in one long run, are published exactly once, and only the parts that hold them are read.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ElasticsearchTailSourceIT {

    private static final String PROJECT = "tail_late_it";
    private ElasticsearchConnection connection;
    private BulkIndexer indexer;
    private ElasticsearchStore store;
    private final List<LogRecord> indexed = new ArrayList<>();

    @BeforeAll
    void connect(URI es) {
        ObjectMapper mapper = new ObjectMapper();
        connection = ElasticsearchConnection.open(StoreConfig.of(es), mapper);
        new SchemaInstaller(connection, mapper, "30d").install();
        indexer = new BulkIndexer(connection, mapper);
        store = new ElasticsearchStore(connection);
    }

    @AfterEach
    void removeRecords() throws Exception {
        // The node is shared by every IT of this JVM: leave it as found.
        if (!indexed.isEmpty()) {
            TestEntries.deleteStored(connection, indexed);
            indexed.clear();
        }
    }

    @AfterAll
    void close() {
        connection.close();
    }

    @Test
    void lateRecordsInSeveralPartsArePublishedOnceReadingOnlyTheirParts() {
        RingFeed feed = feed();
        List<Long> received = collect(feed);
        ElasticsearchTailSource source = ElasticsearchTailSource.polledByCaller(feed,
                new ElasticsearchTail(connection), Duration.ofSeconds(60), System::currentTimeMillis);
        List<LogRecord> records = records(3_000);
        // Parts of 1,024 followed ids: 5 and 700 fall in the first, 2,100, 2,101 and 2,998 in the third.
        Set<Integer> latePositions = Set.of(5, 700, 2_100, 2_101, 2_998);
        List<LogRecord> onTime = IntStream.range(0, records.size()).filter(i -> !latePositions.contains(i))
                .mapToObj(records::get).toList();
        List<LogRecord> late = latePositions.stream().sorted().map(records::get).toList();

        index(onTime);
        source.pollOnce();
        assertThat(received).containsExactlyElementsOf(onTime.stream().map(LogRecord::id).toList());
        assertThat(source.describe()).contains("2995 published, 0 late; 0 late scans");

        index(late);
        source.pollOnce();
        assertThat(received.subList(onTime.size(), received.size()))
                .containsExactlyElementsOf(late.stream().map(LogRecord::id).toList());
        assertThat(source.describe())
                .contains("3000 published, 5 late; 1 late scans, 1 count requests, 2 parts read in 2 reads");

        // Everything again (the same ids: Logstash retrying a batch), then nothing new: nothing more is published,
        // and the window's count matches what was followed, so no scan runs.
        index(records);
        source.pollOnce();
        source.pollOnce();
        assertThat(received).hasSize(3_000).doesNotHaveDuplicates();
        assertThat(source.describe()).contains("3000 published, 5 late; 1 late scans");
    }

    @Test
    void aLongRunOfLateRecordsIsReadPageByPageInIdOrder() {
        RingFeed feed = feed();
        List<Long> received = collect(feed);
        ElasticsearchTailSource source = ElasticsearchTailSource.polledByCaller(feed,
                new ElasticsearchTail(connection), Duration.ofSeconds(60), System::currentTimeMillis);
        List<LogRecord> records = records(4_000);
        // 1,500 consecutive records (more than a page) become visible after the 2,500 around them.
        List<LogRecord> late = records.subList(1_000, 2_500);
        List<LogRecord> onTime = new ArrayList<>(records.subList(0, 1_000));
        onTime.addAll(records.subList(2_500, 4_000));

        index(onTime);
        source.pollOnce();
        index(late);
        source.pollOnce();

        assertThat(received.subList(0, 2_500)).containsExactlyElementsOf(onTime.stream().map(LogRecord::id).toList());
        assertThat(received.subList(2_500, received.size()))
                .containsExactlyElementsOf(late.stream().map(LogRecord::id).toList());
        // Parts of 1,024 followed ids: the run lies between the first part's last id and the second's first.
        assertThat(source.describe())
                .contains("4000 published, 1500 late; 1 late scans, 1 count requests, 1 parts read in 2 reads");
    }

    @Test
    void recordsCapturedBeforeTheFollowerStartedOrOutsideTheWindowAreNotPublished() {
        RingFeed feed = feed();
        List<Long> received = collect(feed);
        List<LogRecord> history = records(10);
        long[] now = {System.currentTimeMillis() + 50};
        ElasticsearchTailSource source = ElasticsearchTailSource.polledByCaller(feed,
                new ElasticsearchTail(connection), Duration.ofSeconds(5), () -> now[0]);
        List<LogRecord> records = records(50, now[0] + 1);
        index(history);
        index(records.subList(10, 50));
        source.pollOnce();
        // Records 0..9 become visible 10 s after their capture, past the 5 s settle window: search has them.
        now[0] += 10_000;
        index(records.subList(0, 10));
        source.pollOnce();

        assertThat(received).containsExactlyElementsOf(records.subList(10, 50).stream().map(LogRecord::id).toList());
        assertThat(new HashSet<>(received)).doesNotContainAnyElementsOf(history.stream().map(LogRecord::id).toList());
        assertThat(source.describe()).contains("40 published, 0 late; 0 late scans");
    }

    @Test
    void aPollThatComesLateReachesAsMuchFurtherBackSoALateRecordIsStillPublished() {
        RingFeed feed = feed();
        List<Long> received = collect(feed);
        long[] now = {System.currentTimeMillis() + 50};
        ElasticsearchTailSource source = ElasticsearchTailSource.polledByCaller(feed,
                new ElasticsearchTail(connection), Duration.ofSeconds(5), () -> now[0]);
        List<LogRecord> records = records(50, now[0] + 1);
        index(records.subList(10, 50));
        source.pollOnce();
        // As in the test above, records 0..9 become visible 10 s after their capture; but this time the follower
        // did not poll for those 10 s (nobody listened), and its next poll says so: they were 4 s late at most
        // when the previous poll, on schedule, would have come.
        now[0] += 10_000;
        index(records.subList(0, 10));
        source.pollOnce(10_000);

        assertThat(received.subList(0, 40)).containsExactlyElementsOf(
                records.subList(10, 50).stream().map(LogRecord::id).toList());
        assertThat(received.subList(40, received.size())).containsExactlyElementsOf(
                records.subList(0, 10).stream().map(LogRecord::id).toList());
        assertThat(source.describe()).contains("50 published, 10 late; 1 late scans");
    }

    private void index(List<LogRecord> records) {
        assertThat(indexer.index(records).rejected()).isEmpty();
        indexed.addAll(records);
        store.refresh();
    }

    private static RingFeed feed() {
        return new RingFeed(10_000, SeqEpoch.fromClock(System::currentTimeMillis), ApiCodec::toEntry,
                new ObjectMapper());
    }

    private static List<Long> collect(RingFeed feed) {
        List<Long> ids = new ArrayList<>();
        feed.subscribe(FeedFilter.everything(), null, e -> ids.add(e.recordId()));
        return ids;
    }

    private static List<LogRecord> records(int count) {
        return records(count, System.currentTimeMillis());
    }

    /** {@code count} records captured from {@code fromMs} on, a millisecond apart, ids in capture order. */
    private static List<LogRecord> records(int count, long fromMs) {
        long[] clock = {fromMs};
        IdGenerator ids = new IdGenerator(81, () -> clock[0]++);
        List<LogRecord> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long id = ids.nextId();
            out.add(LogRecord.builder().id(id).traceId("trace-" + i).tsMs(IdGenerator.timestampOf(id))
                    .kind(Kind.RESPONSE).level(Level.INFO).projectId(PROJECT).containerId("cnt_late")
                    .serviceName("svc-late").method("GET").url("/v1/items/" + i).clientIp("10.0.0.8").status(200)
                    .bytesOut(512L).durationMs(12L).userAgent("late-it/1.0").source(Source.BACKEND).build());
        }
        return out;
    }
}
