package io.tapline.api.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.schema.ApiCodec;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class InProcessSourceTest {

    private static LogRecord record(long id) {
        return LogRecord.builder().id(id).tsMs(id).kind(Kind.RESPONSE).level(Level.INFO).projectId("p")
                .containerId("c").durationMs(5_000L).build();
    }

    @Test
    void recordsArePreparedOffTheCallersThreadAndPublishedInOrder() throws Exception {
        RingFeed feed = new RingFeed(100, SeqEpoch.fromClock(() -> 1L), ApiCodec::toEntry, new ObjectMapper());
        List<FeedEntry> got = new ArrayList<>();
        CountDownLatch three = new CountDownLatch(3);
        feed.subscribe(FeedFilter.everything(), null, e -> {
            got.add(e);
            three.countDown();
        });
        try (InProcessSource source = new InProcessSource(feed, r -> r.toBuilder().level(Level.WARN).build(), 16)) {
            source.publish(record(1));
            source.publish(record(2));
            source.publish(record(3));
            assertThat(three.await(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(got).extracting(FeedEntry::recordId).containsExactly(1L, 2L, 3L);
        assertThat(got).allMatch(e -> e.scope().level() == Level.WARN); // as the store will hold it
    }

    @Test
    void recordsThatFindTheQueueFullBecomeALostNoticeNeverSilence() throws Exception {
        RingFeed feed = new RingFeed(100, SeqEpoch.fromClock(() -> 1L), ApiCodec::toEntry, new ObjectMapper());
        List<FeedEntry> got = new ArrayList<>();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        feed.subscribe(FeedFilter.everything(), null, got::add);
        try (InProcessSource source = new InProcessSource(feed, r -> {
            entered.countDown();
            await(release); // the feed thread is stuck holding record 1: the queue of 2 fills
            return r;
        }, 2)) {
            source.publish(record(1));
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 2; i <= 10; i++) {
                source.publish(record(i));
            }
            long lost = source.lost();
            release.countDown();
            long deadline = System.currentTimeMillis() + 5_000;
            while (got.stream().mapToLong(FeedEntry::weight).sum() < 10 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertThat(lost).isEqualTo(7); // 1 held by the thread, 2 queued
            assertThat(got.stream().filter(FeedEntry::isLostNotice).mapToLong(FeedEntry::lost).sum()).isEqualTo(lost);
            assertThat(got.stream().mapToLong(FeedEntry::weight).sum()).isEqualTo(10);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
