package io.tapline.api.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.api.TestEntries;
import io.tapline.api.feed.ElasticsearchTailSource;
import io.tapline.api.feed.RingFeed;
import io.tapline.api.feed.SeqEpoch;
import io.tapline.api.stream.SseClient.Frame;
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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tail follower while nobody listens, against a real node: it searches once per idle period instead of every
 * poll period (counted by the node itself), yet a client that resumes after the idle spell with its
 * {@code Last-Event-ID} gets every record captured meanwhile, late ones included, each once; a fresh client gets
 * only what comes after it; and a subscribe brings the follower back to its fast period at once.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
class ElasticsearchTailIdleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROJECT = "tail_idle_it";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void anIdleFollowerSearchesRarelyAndAResumingClientStillGetsEveryRecordOnce(URI es) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<LogRecord> indexed = new ArrayList<>();
        try (ElasticsearchConnection connection = ElasticsearchConnection.open(StoreConfig.of(es), mapper)) {
            new SchemaInstaller(connection, mapper, "30d").install();
            ElasticsearchStore store = new ElasticsearchStore(connection);
            BulkIndexer indexer = new BulkIndexer(connection, mapper);
            IdGenerator ids = new IdGenerator(91);
            RingFeed feed = StreamFixture.feed(RingFeed.DEFAULT_CAPACITY, SeqEpoch.fromClock(System::currentTimeMillis));
            try (ElasticsearchTailSource source = new ElasticsearchTailSource(feed, new ElasticsearchTail(connection),
                    Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofSeconds(30), System::currentTimeMillis);
                 // Heartbeats every 300 ms: the server learns of a client's disconnect when it next writes.
                 StreamFixture api = new StreamFixture(feed, new StreamSettings(Duration.ofMillis(300), 4_096),
                         StreamFixture.generousLimits())) {
                // First a listener: 150 records captured, every third one held back (it becomes visible late).
                List<LogRecord> first = records(ids, 150);
                List<LogRecord> onTime = new ArrayList<>();
                List<LogRecord> late = new ArrayList<>();
                for (int i = 0; i < first.size(); i++) {
                    (i % 3 == 1 ? late : onTime).add(first.get(i));
                }
                long lastSeen;
                double listeningPerSecond;
                try (SseClient client = api.admin("?projectId=" + PROJECT)) {
                    api.awaitSubscribers(1);
                    index(indexer, store, onTime, indexed);
                    List<Frame> frames = client.take(onTime.size());
                    assertThat(SseClient.entryIds(frames)).containsExactlyElementsOf(onTime.stream().map(LogRecord::id).toList());
                    lastSeen = frames.get(frames.size() - 1).id();
                    // While someone listens, the follower polls every 50 ms: the node counts those searches (on the
                    // index these records live in; other tests' indices of this shared node are left out).
                    long before = searches(es, onTime);
                    Thread.sleep(2_000);
                    long listening = searches(es, onTime) - before;
                    assertThat(listening).as("searches in 2 s with a listener").isGreaterThanOrEqualTo(16);
                    listeningPerSecond = listening / 2.0;
                }
                api.awaitSubscribers(0);

                // Nobody listens: the late records and 200 new ones arrive over the idle spell.
                Thread.sleep(2_500);
                long idleFrom = searches(es, onTime);
                long idleStart = System.nanoTime();
                index(indexer, store, late, indexed);
                List<LogRecord> meanwhile = records(ids, 200);
                index(indexer, store, meanwhile.subList(0, 100), indexed);
                Thread.sleep(1_000);
                index(indexer, store, meanwhile.subList(100, 200), indexed);
                Thread.sleep(3_000);
                long idleSearches = searches(es, onTime) - idleFrom;
                double idleSeconds = (System.nanoTime() - idleStart) / 1e9;
                // About 5 s idle at one poll per 2 s (a poll is one search, plus a count and a read when it finds
                // late records): at the 50 ms period this would be about 100.
                assertThat(idleSearches).as("searches in %.1f s without a listener", idleSeconds).isBetween(1L, 12L);
                assertThat(idleSearches / idleSeconds).as("searches per second idle, against %.1f listening",
                        listeningPerSecond).isLessThan(listeningPerSecond / 5);

                // The client comes back with its Last-Event-ID: every record it missed, each once, late ones too.
                List<Long> missed = new ArrayList<>(late.stream().map(LogRecord::id).toList());
                missed.addAll(meanwhile.stream().map(LogRecord::id).toList());
                try (SseClient resumed = api.admin("?projectId=" + PROJECT, "Last-Event-ID", Long.toString(lastSeen));
                     SseClient fresh = api.admin("?projectId=" + PROJECT)) {
                    api.awaitSubscribers(2);
                    List<Long> replayed = SseClient.entryIds(resumed.take(missed.size()));
                    assertThat(replayed).containsExactlyInAnyOrderElementsOf(missed).doesNotHaveDuplicates();
                    List<Long> newOnes = meanwhile.stream().map(LogRecord::id).toList();
                    assertThat(replayed.stream().filter(newOnes::contains).toList()).containsExactlyElementsOf(newOnes);

                    // Back at the fast period: a record indexed now reaches both streams within a fraction of
                    // the idle period (refresh forced here, so the wait is the follower's alone).
                    List<LogRecord> after = records(ids, 20);
                    long sent = System.nanoTime();
                    index(indexer, store, after, indexed);
                    List<Long> expected = after.stream().map(LogRecord::id).toList();
                    assertThat(SseClient.entryIds(resumed.take(20))).containsExactlyElementsOf(expected);
                    long tookMs = (System.nanoTime() - sent) / 1_000_000L;
                    // The fresh client got nothing from before it connected: its first frames are these.
                    assertThat(SseClient.entryIds(fresh.take(20))).containsExactlyElementsOf(expected);
                    assertThat(tookMs).as("ms from refresh to the resumed stream").isLessThan(1_500);
                }
                assertThat(source.describe()).contains("late");
            } finally {
                TestEntries.deleteStored(connection, indexed);
            }
        }
    }

    private static List<LogRecord> records(IdGenerator ids, int count) {
        List<LogRecord> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long id = ids.nextId();
            out.add(StreamFixture.record(id, PROJECT, "cnt_idle").toBuilder().tsMs(IdGenerator.timestampOf(id)).build());
        }
        return out;
    }

    private static void index(BulkIndexer indexer, ElasticsearchStore store, List<LogRecord> records,
                              List<LogRecord> indexed) {
        assertThat(indexer.index(records).rejected()).isEmpty();
        indexed.addAll(records);
        store.refresh();
    }

    /**
     * Searches the node has run on the daily index of {@code records} (query phases), as its own statistics count
     * them; a search over the index pattern counts once per index it reached.
     */
    private static long searches(URI es, List<LogRecord> records) throws Exception {
        String index = IndexNames.dailyIndex(records.get(0).tsMs());
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        es.resolve("/" + index + "/_stats/search")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode total = JSON.readTree(response.body()).path("_all").path("total").path("search");
        return total.path("query_total").asLong();
    }

}
