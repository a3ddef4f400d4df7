package io.tapline.api.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.api.feed.RingFeed;
import io.tapline.api.feed.SeqEpoch;
import io.tapline.api.stream.SseClient.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** An api-server restart: old ids get {@code event: reset}, and new ids start at least 10,000 beyond the old ones. */
class RestartResetTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void afterARestartAnOldLastEventIdGetsResetAndNewIdsLieBeyondTheMarginEvenWithAStoppedClock() throws Exception {
        // A clock that does not move: only the persisted reservation keeps the runs apart.
        LongSupplier frozen = () -> 1_750_000_000_000L;
        Path state = dataDir.resolve("live-feed-seq");
        long lastIdOfFirstRun;
        try (StreamFixture first = fixture(SeqEpoch.persistent(state, frozen))) {
            try (SseClient client = first.admin("")) {
                for (int i = 1; i <= 250_000; i++) { // crosses two reservation blocks
                    first.feed.publish(StreamFixture.record(i, "a1", "c"));
                    if (i % 50_000 == 0) {
                        client.close();
                    }
                }
            }
            lastIdOfFirstRun = first.feed.lastSeq();
        }

        try (StreamFixture second = fixture(SeqEpoch.persistent(state, frozen));
             SseClient client = second.admin("", "Last-Event-ID", Long.toString(lastIdOfFirstRun))) {
            Frame reset = client.nextNonComment();
            assertThat(reset.event()).isEqualTo("reset");
            assertThat(reset.id()).isEqualTo(second.feed.firstSeq() - 1);
            assertThat(second.feed.firstSeq()).isGreaterThanOrEqualTo(lastIdOfFirstRun + SeqEpoch.MARGIN);

            long seq = second.feed.publish(StreamFixture.record(1, "a1", "c")).seq();
            Frame fresh = client.nextNonComment();
            assertThat(fresh.isData()).isTrue();
            assertThat(fresh.id()).isEqualTo(seq).isGreaterThanOrEqualTo(lastIdOfFirstRun + 10_000);

            // the id the reset frame carried is a valid resume point of the new run: no second reset
            try (SseClient again = second.admin("", "Last-Event-ID", Long.toString(reset.id()))) {
                Frame replayed = again.nextNonComment();
                assertThat(replayed.isData()).isTrue();
                assertThat(JSON.readTree(replayed.data()).get("id").asLong()).isEqualTo(1);
            }
        }
    }

    @Test
    void anIdFromTheFutureIsAlsoReset() throws Exception {
        try (StreamFixture api = fixture(SeqEpoch.fromClock(System::currentTimeMillis))) {
            api.feed.publish(StreamFixture.record(1, "a1", "c"));
            try (SseClient client = api.admin("", "Last-Event-ID", Long.toString(api.feed.lastSeq() + 1))) {
                Frame reset = client.nextNonComment();
                assertThat(reset.event()).isEqualTo("reset");
                JsonNode body = JSON.readTree(reset.data());
                assertThat(body.get("firstId").asLong()).isEqualTo(api.feed.lastSeq() + 1);
            }
        }
    }

    private static StreamFixture fixture(SeqEpoch epoch) {
        RingFeed feed = StreamFixture.feed(RingFeed.DEFAULT_CAPACITY, epoch);
        return new StreamFixture(feed, new StreamSettings(Duration.ofSeconds(15), 1_024),
                StreamFixture.generousLimits());
    }
}
