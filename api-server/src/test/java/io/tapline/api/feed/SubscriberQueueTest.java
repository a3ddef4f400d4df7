package io.tapline.api.feed;

import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriberQueueTest {

    private static final EntryScope SCOPE = new EntryScope("p", "c", Kind.REQUEST, Level.INFO);

    private static FeedEntry entry(long seq) {
        return FeedEntry.record(seq, SCOPE, "{}".getBytes(), seq, false);
    }

    private static List<Object> drain(SubscriberQueue q) {
        List<Object> out = new ArrayList<>();
        for (Object o = q.poll(); o != null; o = q.poll()) {
            out.add(o instanceof FeedEntry e ? (Object) e.seq() : o);
        }
        return out;
    }

    @Test
    void overflowBecomesOneGapInPlaceWithTheExactCountAndRangeThenDeliveryContinues() {
        SubscriberQueue q = new SubscriberQueue(3);
        for (long seq = 1; seq <= 8; seq++) {
            q.offer(entry(seq), false);
        }
        assertThat(q.poll()).isInstanceOf(FeedEntry.class); // 1 leaves, room for one more
        q.offer(entry(9), false);
        q.offer(entry(10), false); // full again

        assertThat(drain(q)).containsExactly(2L, 3L, new Dropped(5, 4, 8, true), 9L, new Dropped(1, 10, 10, true));
        assertThat(q.missed()).isEqualTo(6);
    }

    @Test
    void theEndOfAStreamIsQueuedEvenWhenFull() {
        SubscriberQueue q = new SubscriberQueue(1);
        q.offer(entry(1), false);
        q.offer(entry(2), false);
        assertThat(q.offer(entry(3), true)).isTrue();
        assertThat(drain(q)).containsExactly(1L, new Dropped(1, 2, 2, true), 3L);
    }

    @Test
    void aLostRecordsNoticeBecomesAGapCountingItsRecords() {
        SubscriberQueue q = new SubscriberQueue(4);
        q.offer(entry(1), false);
        q.offer(FeedEntry.lost(2, SCOPE, 42), false);
        q.offer(entry(3), false);
        assertThat(drain(q)).containsExactly(1L, new Dropped(42, 2, 2, true), 3L);
    }
}
