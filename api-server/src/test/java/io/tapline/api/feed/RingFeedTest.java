package io.tapline.api.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.schema.ApiCodec;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RingFeedTest {

    private final RingFeed feed = new RingFeed(10, SeqEpoch.fromClock(() -> 1_000L), ApiCodec::toEntry,
            new ObjectMapper());

    private static LogRecord record(long id, String project, Level level) {
        return LogRecord.builder().id(id).tsMs(id).kind(Kind.REQUEST).level(level).projectId(project)
                .containerId("c").build();
    }

    @Test
    void ringSeqStartsAtTheEpochAndCountsUpByOne() {
        assertThat(feed.firstSeq()).isEqualTo(1_000_000L);
        assertThat(feed.lastSeq()).isEqualTo(999_999L);
        assertThat(feed.publish(record(1, "a", Level.INFO)).seq()).isEqualTo(1_000_000L);
        assertThat(feed.publish(record(2, "a", Level.INFO)).seq()).isEqualTo(1_000_001L);
    }

    @Test
    void liveEntriesReachOnlySubscribersWhoseScopeAndFiltersWantThem() {
        List<Long> a = new ArrayList<>();
        List<Long> errorsEverywhere = new ArrayList<>();
        feed.subscribe(new FeedFilter(Set.of("a"), null, null, null), null, e -> a.add(e.recordId()));
        feed.subscribe(new FeedFilter(null, null, null, Set.of(Level.ERROR)), null, e -> errorsEverywhere.add(e.recordId()));
        feed.publish(record(1, "a", Level.INFO));
        feed.publish(record(2, "b", Level.ERROR));
        feed.publish(record(3, "a", Level.ERROR));
        feed.publish(LogRecord.builder().id(4).kind(Kind.EVENT).level(Level.ERROR).action("config_reload").build());

        assertThat(a).containsExactly(1L, 3L);
        assertThat(errorsEverywhere).containsExactly(2L, 3L, 4L);
    }

    @Test
    void aResumeReplaysWhatFollowsItsIdThenGoesLiveWithoutGapOrRepeat() {
        feed.publish(record(1, "a", Level.INFO));
        long resumeAfter = feed.publish(record(2, "a", Level.INFO)).seq();
        feed.publish(record(3, "a", Level.INFO));
        List<Long> live = new ArrayList<>();
        Subscription s = feed.subscribe(FeedFilter.everything(), resumeAfter, e -> live.add(e.recordId()));
        feed.publish(record(4, "a", Level.INFO));

        Subscription.ReplayBatch batch = s.nextReplay(100);
        assertThat(s.start()).isEqualTo(Subscription.Start.RESUMED);
        assertThat(batch.dropped()).isNull();
        assertThat(batch.entries()).extracting(FeedEntry::recordId).containsExactly(3L);
        assertThat(s.nextReplay(100).isEmpty()).isTrue();
        assertThat(live).containsExactly(4L);
    }

    @Test
    void aGapPastTheHeldEntriesIsCountedExactlyForTheSubscribersFilterFromTheRememberedScopes() {
        long first = feed.publish(record(1, "a", Level.INFO)).seq();
        for (int i = 2; i <= 40; i++) { // 40 entries, ring of 10: 30 evicted
            feed.publish(record(i, i % 3 == 0 ? "a" : "b", Level.INFO));
        }
        Subscription s = feed.subscribe(new FeedFilter(Set.of("a"), null, null, null), first, e -> { });
        Subscription.ReplayBatch batch = s.nextReplay(100);
        // project a among ids 2..30 (evicted): 3, 6, ..., 30 = 10
        assertThat(batch.dropped()).isEqualTo(new Dropped(10, first + 1, first + 29, true));
        assertThat(batch.entries()).extracting(FeedEntry::recordId).containsExactly(33L, 36L, 39L);
    }

    @Test
    void aGapBeyondTheRememberedHistoryIsALowerBoundMarkedInexact() {
        long first = feed.publish(record(1, "a", Level.INFO)).seq();
        for (int i = 2; i <= 10 * RingFeed.HISTORY_FACTOR + 20; i++) {
            feed.publish(record(i, "a", Level.INFO));
        }
        Subscription s = feed.subscribe(FeedFilter.everything(), first, e -> { });
        Dropped gap = s.nextReplay(100).dropped();
        assertThat(gap.exact()).isFalse();
        assertThat(gap.fromSeq()).isEqualTo(first + 1);
        assertThat(gap.json()).contains("\"exact\":false");
    }

    @Test
    void idsBeforeThisRunOrAfterTheNewestAreAReset() {
        feed.publish(record(1, "a", Level.INFO));
        assertThat(feed.subscribe(FeedFilter.everything(), feed.firstSeq() - 2, e -> { }).start())
                .isEqualTo(Subscription.Start.RESET);
        assertThat(feed.subscribe(FeedFilter.everything(), feed.lastSeq() + 1, e -> { }).start())
                .isEqualTo(Subscription.Start.RESET);
        assertThat(feed.subscribe(FeedFilter.everything(), feed.firstSeq() - 1, e -> { }).start())
                .isEqualTo(Subscription.Start.RESUMED);
    }

    @Test
    void aListenerClosingItsOwnSubscriptionDuringFanOutCostsTheOthersNothing() {
        List<Long> others = new ArrayList<>();
        Subscription[] self = new Subscription[1];
        self[0] = feed.subscribe(FeedFilter.everything(), null, e -> self[0].close());
        feed.subscribe(FeedFilter.everything(), null, e -> others.add(e.recordId()));
        feed.subscribe(new FeedFilter(Set.of("a"), null, null, null), null, e -> {
            throw new IllegalStateException("a broken subscriber");
        });
        feed.publish(record(1, "a", Level.INFO));
        feed.publish(record(2, "a", Level.INFO));
        assertThat(others).containsExactly(1L, 2L);
        assertThat(feed.subscribers()).isEqualTo(2);
    }

    @Test
    void closedSubscriptionsReceiveNothingMore() {
        List<Long> got = new ArrayList<>();
        Subscription s = feed.subscribe(new FeedFilter(Set.of("a", "b"), null, null, null), null,
                e -> got.add(e.recordId()));
        s.close();
        s.close();
        feed.publish(record(1, "a", Level.INFO));
        assertThat(got).isEmpty();
        assertThat(feed.subscribers()).isZero();
    }
}
