package io.tapline.api.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.api.stream.SseClient.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The SSE live tail over real HTTP with a real line-reading SSE client. */
class LiveTailTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamFixture api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void framesCarryTheRingSeqAsIdAndTheSeed004EntryAsOneDataLine() throws Exception {
        api = StreamFixture.start();
        try (SseClient client = api.admin("")) {
            assertThat(client.status()).isEqualTo(200);
            assertThat(client.response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
            assertThat(client.response.headers().firstValue("Cache-Control")).hasValue("no-cache");
            long first = api.feed.publish(StreamFixture.record(84321, "a1", "cnt_1")).seq();
            api.feed.publish(StreamFixture.record(84322, "b1", "cnt_2"));

            List<Frame> frames = client.take(2);

            assertThat(frames).extracting(Frame::id).containsExactly(first, first + 1);
            assertThat(frames).allMatch(Frame::isData);
            JsonNode entry = JSON.readTree(frames.get(0).data());
            assertThat(entry.get("id").asLong()).isEqualTo(84321);
            assertThat(entry.get("kind").asText()).isEqualTo("request");
            assertThat(entry.get("projectId").asText()).isEqualTo("a1");
            assertThat(entry.get("url").asText()).isEqualTo("/v1/items/84321");
            assertThat(entry.has("data")).isTrue();
        }
    }

    @Test
    void aFreshStreamGetsOnlyEntriesPublishedAfterItConnected() throws Exception {
        api = StreamFixture.start();
        api.feed.publish(StreamFixture.record(1, "a1", "c"));
        try (SseClient client = api.admin("")) {
            long seq = api.feed.publish(StreamFixture.record(2, "a1", "c")).seq();
            Frame frame = client.nextNonComment();
            assertThat(frame.id()).isEqualTo(seq);
            assertThat(JSON.readTree(frame.data()).get("id").asLong()).isEqualTo(2);
        }
    }

    @Test
    void resumingWithLastEventIdWhileRecordsKeepFlowingDeliversEveryRecordExactlyOnceInOrder() throws Exception {
        api = StreamFixture.start();
        int total = 3_000;
        AtomicBoolean go = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread publisher = new Thread(() -> {
            for (int i = 1; i <= total; i++) {
                api.feed.publish(StreamFixture.record(i, "a1", "c1"));
                if (i % 20 == 0) {
                    sleep(10); // about 2,000 records per second
                }
            }
            done.countDown();
        });
        List<Long> received = new ArrayList<>();
        long lastId;
        try (SseClient first = api.admin("")) {
            publisher.start();
            lastId = 0;
            for (Frame f : first.take(1_000)) {
                received.add(JSON.readTree(f.data()).get("id").asLong());
                lastId = f.id();
            }
        } // disconnected mid-stream; the publisher keeps going
        sleep(300);
        try (SseClient second = api.admin("", "Last-Event-ID", Long.toString(lastId))) {
            while (received.size() < total) {
                Frame f = second.nextNonComment();
                assertThat(f).as("frame after %d records", received.size()).isNotNull();
                assertThat(f.isData()).as("no gap is reported: %s", f).isTrue();
                assertThat(f.id()).isGreaterThan(lastId);
                lastId = f.id();
                received.add(JSON.readTree(f.data()).get("id").asLong());
            }
        }
        done.await();
        List<Long> expected = new ArrayList<>();
        for (long i = 1; i <= total; i++) {
            expected.add(i);
        }
        assertThat(received).containsExactlyElementsOf(expected);
    }

    @Test
    void aLastEventIdOlderThanTheRingGetsDroppedWithTheExactCountOfItsOwnMissedFramesThenTheRest() throws Exception {
        api = StreamFixture.start(100, Duration.ofSeconds(15), 1_024);
        long firstSeq = api.feed.publish(StreamFixture.record(1, "a1", "c1")).seq();
        // 299 more, alternating a1 and b1: alice's scope holds 150 of the 300.
        for (int i = 2; i <= 300; i++) {
            api.feed.publish(StreamFixture.record(i, i % 2 == 1 ? "a1" : "b1", "c"));
        }
        long oldestHeld = api.feed.lastSeq() - 99;

        try (SseClient client = api.tenant("alice", "", "Last-Event-ID", Long.toString(firstSeq))) {
            Frame dropped = client.nextNonComment();
            assertThat(dropped.event()).isEqualTo("dropped");
            JsonNode gap = JSON.readTree(dropped.data());
            // alice's records among ringSeqs firstSeq+1 .. oldestHeld-1 (ids 2 .. 200): the odd ids 3..199
            assertThat(gap.get("missed").asLong()).isEqualTo(99);
            assertThat(gap.get("fromId").asLong()).isEqualTo(firstSeq + 1);
            assertThat(gap.get("toId").asLong()).isEqualTo(oldestHeld - 1);
            assertThat(dropped.id()).isEqualTo(oldestHeld - 1);
            List<Frame> rest = client.take(50);
            assertThat(rest).allMatch(Frame::isData);
            assertThat(rest).extracting(f -> JSON.readTree(f.data()).get("id").asLong())
                    .containsExactlyElementsOf(oddIds(201, 299));
        }
    }

    @Test
    void aDeliberatelySlowReaderIsToldExactlyWhatItMissedAndNothingIsSilent() throws Exception {
        api = StreamFixture.start(RingFeedSizes.LARGE, Duration.ofSeconds(15), 16);
        int total = 20_000;
        String padding = "x".repeat(1_000); // fills the socket buffers quickly
        try (SseClient client = api.admin("")) {
            long firstSeq = 0;
            for (int i = 1; i <= total; i++) {
                long seq = api.feed.publish(StreamFixture.record(i, "a1", padding)).seq();
                if (i == 1) {
                    firstSeq = seq;
                }
            }
            long lastSeq = api.feed.lastSeq();
            // Only now does the reader start reading.
            long expectedNext = firstSeq;
            long delivered = 0;
            long missed = 0;
            int gaps = 0;
            while (expectedNext <= lastSeq) {
                Frame f = client.nextNonComment();
                assertThat(f).isNotNull();
                if (f.isData()) {
                    assertThat(f.id()).isEqualTo(expectedNext);
                    delivered++;
                    expectedNext++;
                } else {
                    assertThat(f.event()).isEqualTo("dropped");
                    JsonNode gap = JSON.readTree(f.data());
                    assertThat(gap.get("fromId").asLong()).isEqualTo(expectedNext);
                    long count = gap.get("missed").asLong();
                    assertThat(gap.get("toId").asLong()).isEqualTo(expectedNext + count - 1).isEqualTo(f.id());
                    missed += count;
                    gaps++;
                    expectedNext += count;
                }
            }
            assertThat(gaps).isPositive();
            assertThat(delivered + missed).isEqualTo(total);
            // and it continues: a record published now arrives as a plain frame
            long seq = api.feed.publish(StreamFixture.record(total + 1, "a1", "c")).seq();
            Frame after = client.nextNonComment();
            assertThat(after.isData()).isTrue();
            assertThat(after.id()).isEqualTo(seq);
        }
    }

    @Test
    void scopeDestroyedEndsAStreamFollowingThatContainerButIsAnOrdinaryEntryForOthers() throws Exception {
        api = StreamFixture.start();
        try (SseClient container = api.admin("?containerId=cnt_gone");
             SseClient project = api.tenant("alice", "")) {
            api.feed.publish(StreamFixture.record(1, "a1", "cnt_gone"));
            long destroyed = api.feed.publish(StreamFixture.scopeDestroyed(2, "a1", "cnt_gone")).seq();
            long later = api.feed.publish(StreamFixture.record(3, "a1", "cnt_other")).seq();

            assertThat(container.nextNonComment().isData()).isTrue();
            Frame end = container.nextNonComment();
            assertThat(end.event()).isEqualTo("scope-destroyed");
            assertThat(end.id()).isEqualTo(destroyed);
            assertThat(JSON.readTree(end.data()).get("containerId").asText()).isEqualTo("cnt_gone");
            assertThat(container.next()).as("the stream closes right after").isNull();

            List<Frame> frames = project.take(3);
            assertThat(frames).allMatch(Frame::isData);
            assertThat(frames).extracting(Frame::id).containsExactly(destroyed - 1, destroyed, later);
        }
    }

    @Test
    void heartbeatsArriveAtTheConfiguredInterval() throws Exception {
        api = StreamFixture.start(100, Duration.ofMillis(200), 16);
        try (SseClient client = api.admin("")) {
            long start = System.nanoTime();
            Frame first = client.next();
            Frame second = client.next();
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(first.comment()).isTrue();
            assertThat(second.comment()).isTrue();
            assertThat(elapsedMs).isBetween(300L, 5_000L);
        }
    }

    private static List<Long> oddIds(long from, long to) {
        List<Long> ids = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            if (i % 2 == 1) {
                ids.add(i);
            }
        }
        return ids;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ring sizes for tests that must not be limited by the ring. */
    static final class RingFeedSizes {
        static final int LARGE = 50_000;
    }
}
