package io.tapline.api.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.api.TestEntries;
import io.tapline.api.feed.ElasticsearchTailSource;
import io.tapline.api.feed.RingFeed;
import io.tapline.api.feed.SeqEpoch;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.schema.IdGenerator;
import io.tapline.schema.IndexNames;
import io.tapline.schema.LogRecord;
import io.tapline.store.BulkIndexer;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.ElasticsearchStore;
import io.tapline.store.SchemaInstaller;
import io.tapline.store.StoreConfig;
import io.tapline.store.tail.ElasticsearchTail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Elasticsearch tail follower against a real node: records indexed by someone else (as Logstash would) reach
 * an SSE client once each, including records that become visible behind ones already followed.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
class ElasticsearchTailIT {

    @Test
    void recordsIndexedOutOfIdOrderAndTwiceReachTheStreamExactlyOnce(URI es) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        try (ElasticsearchConnection connection = ElasticsearchConnection.open(StoreConfig.of(es), mapper)) {
            new SchemaInstaller(connection, mapper, "30d").install();
            ElasticsearchStore store = new ElasticsearchStore(connection);
            BulkIndexer indexer = new BulkIndexer(connection, mapper);
            // Captured 3 s before the follower starts, stored just after: history, never a live frame.
            long oldId = new IdGenerator(78, () -> System.currentTimeMillis() - 3_000).nextId();
            LogRecord old = StreamFixture.record(oldId, "tail_it", "cnt_tail").toBuilder()
                    .tsMs(IdGenerator.timestampOf(oldId)).build();
            List<LogRecord> indexed = new ArrayList<>(List.of(old));
            RingFeed feed = StreamFixture.feed(RingFeed.DEFAULT_CAPACITY, SeqEpoch.fromClock(System::currentTimeMillis));
            try (ElasticsearchTailSource source = new ElasticsearchTailSource(feed, new ElasticsearchTail(connection),
                    Duration.ofMillis(50), Duration.ofSeconds(30), System::currentTimeMillis);
                 StreamFixture api = new StreamFixture(feed, new StreamSettings(Duration.ofSeconds(15), 4_096),
                         StreamFixture.generousLimits());
                 SseClient client = api.admin("?projectId=tail_it")) {
                indexer.index(List.of(old));
                IdGenerator ids = new IdGenerator(77);
                List<LogRecord> records = new ArrayList<>();
                for (int i = 0; i < 600; i++) {
                    long id = ids.nextId();
                    records.add(StreamFixture.record(id, "tail_it", "cnt_tail").toBuilder()
                            .tsMs(IdGenerator.timestampOf(id)).build());
                }
                indexed.addAll(records);
                // The newer half becomes visible first ...
                indexer.index(records.subList(300, 600));
                store.refresh();
                List<Long> received = new ArrayList<>(SseClient.entryIds(client.take(300)));
                // ... the older half only afterwards, behind the follower's cursor; then everything again.
                indexer.index(records.subList(0, 300));
                store.refresh();
                received.addAll(SseClient.entryIds(client.take(300)));
                indexer.index(records);
                store.refresh();
                long marker = ids.nextId();
                LogRecord last = StreamFixture.record(marker, "tail_it", "cnt_tail").toBuilder()
                        .tsMs(IdGenerator.timestampOf(marker)).build();
                indexed.add(last);
                indexer.index(List.of(last));
                store.refresh();
                received.addAll(SseClient.entryIds(client.take(1)));

                List<Long> expected = new ArrayList<>(records.stream().map(LogRecord::id).toList());
                expected.add(marker);
                assertThat(received).containsExactlyInAnyOrderElementsOf(expected).doesNotHaveDuplicates()
                        .doesNotContain(oldId);
                assertThat(received.subList(0, 300)).isSorted();
                assertThat(source.describe()).contains("300 late");
            } finally {
                // The node is shared by every IT of this JVM: leave it as found (it has no delete-by-query).
                TestEntries.deleteStored(connection, indexed);
                assertThat(connection.client().count(c -> c.index(IndexNames.PATTERN)
                        .query(q -> q.term(t -> t.field("tapline.project_id").value("tail_it")))).count()).isZero();
            }
        }
    }

}
