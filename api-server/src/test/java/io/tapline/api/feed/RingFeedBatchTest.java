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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Batch publishing: one wake-up per subscriber and batch, after its entries; unrenderable records are told. */
class RingFeedBatchTest {

    private static final long UNRENDERABLE = 666;

    private final RingFeed feed = new RingFeed(100, SeqEpoch.fromClock(() -> 1_000L), (record, req, resp) -> {
        if (record.id() == UNRENDERABLE) {
            throw new IllegalStateException("no entry for this one");
        }
        return ApiCodec.toEntry(record, req, resp);
    }, new ObjectMapper());

    private static LogRecord record(long id, String project) {
        return LogRecord.builder().id(id).tsMs(id).kind(Kind.REQUEST).level(Level.INFO).projectId(project)
                .containerId("c").build();
    }

    /** Records what a listener is told, in order: "e<recordId>" per entry, "lost<n>" per notice, "wake". */
    private static final class Log implements FeedListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void onEntry(FeedEntry entry) {
            events.add(entry.isLostNotice() ? "lost" + entry.lost() : "e" + entry.recordId());
        }

        @Override
        public void entriesQueued() {
            events.add("wake");
        }
    }

    @Test
    void aBatchWakesEachSubscriberOnceAfterAllItsEntriesAndNobodyElse() {
        Log a = new Log();
        Log b = new Log();
        Log elsewhere = new Log();
        feed.subscribe(new FeedFilter(Set.of("a"), null, null, null), null, a);
        feed.subscribe(new FeedFilter(Set.of("b"), null, null, null), null, b);
        feed.subscribe(new FeedFilter(Set.of("z"), null, null, null), null, elsewhere);

        List<FeedEntry> entries = feed.publishAll(List.of(record(1, "a"), record(2, "b"), record(3, "a"),
                record(4, "b"), record(5, "a")));

        assertThat(entries).extracting(FeedEntry::seq)
                .containsExactly(1_000_000L, 1_000_001L, 1_000_002L, 1_000_003L, 1_000_004L);
        assertThat(a.events).containsExactly("e1", "e3", "e5", "wake");
        assertThat(b.events).containsExactly("e2", "e4", "wake");
        assertThat(elsewhere.events).isEmpty();

        // a single publish wakes too, and the next batch wakes again
        feed.publish(record(6, "a"));
        feed.publishAll(List.of(record(7, "b"), record(8, "b")));
        assertThat(a.events).containsExactly("e1", "e3", "e5", "wake", "e6", "wake");
        assertThat(b.events).containsExactly("e2", "e4", "wake", "e7", "e8", "wake");
        assertThat(elsewhere.events).isEmpty();
    }

    @Test
    void aRecordThatCannotBeRenderedBecomesALostNoticeInItsPlaceNotASilentGap() {
        Log a = new Log();
        feed.subscribe(new FeedFilter(Set.of("a"), null, null, null), null, a);

        List<FeedEntry> entries = feed.publishAll(List.of(record(1, "a"), record(UNRENDERABLE, "a"), record(3, "a")));

        assertThat(entries).extracting(FeedEntry::seq).containsExactly(1_000_000L, 1_000_001L, 1_000_002L);
        assertThat(entries.get(1).isLostNotice()).isTrue();
        assertThat(entries.get(1).lost()).isEqualTo(1);
        assertThat(entries.get(1).scope()).isEqualTo(new EntryScope("a", "c", Kind.REQUEST, Level.INFO));
        assertThat(a.events).containsExactly("e1", "lost1", "e3", "wake");
    }

    @Test
    void aSinglePublishOfAnUnrenderableRecordFailsAndAppendsNothing() {
        Log a = new Log();
        feed.subscribe(FeedFilter.everything(), null, a);
        long before = feed.lastSeq();

        assertThatThrownBy(() -> feed.publish(record(UNRENDERABLE, "a"))).isInstanceOf(IllegalArgumentException.class);

        assertThat(feed.lastSeq()).isEqualTo(before);
        assertThat(a.events).isEmpty();
    }
}
