package io.tapline.api.feed;

import java.nio.charset.StandardCharsets;

/**
 * One slot of the ring: a rendered entry with its {@code ringSeq}, or a notice that records of one scope were
 * lost before they reached the ring. The SSE frame is rendered once here and shared by every subscriber.
 *
 * @param seq            the ringSeq
 * @param scope          what filters look at
 * @param json           the seed-004 entry JSON; for a lost-records notice, empty
 * @param frame          {@code id: <seq>\ndata: <json>\n\n}, ready to write; empty for a lost-records notice
 * @param recordId       the record's {@code id}, for de-duplication; 0 for a notice
 * @param scopeDestroyed true for the proxy's {@code scope-destroyed} event of {@code scope.containerId()}
 * @param lost           records of {@code scope} lost before the ring (0 for a record)
 */
public record FeedEntry(long seq, EntryScope scope, byte[] json, byte[] frame, long recordId, boolean scopeDestroyed,
                        long lost) {

    /** An entry carrying one record. */
    public static FeedEntry record(long seq, EntryScope scope, byte[] json, long recordId, boolean scopeDestroyed) {
        return new FeedEntry(seq, scope, json, SseFrames.data(seq, json), recordId, scopeDestroyed, 0);
    }

    /** A notice that {@code count} records of {@code scope} never reached the ring. */
    public static FeedEntry lost(long seq, EntryScope scope, long count) {
        return new FeedEntry(seq, scope, new byte[0], new byte[0], 0, false, count);
    }

    /** True for a lost-records notice. */
    public boolean isLostNotice() {
        return lost > 0;
    }

    /** How many frames of the scope this slot stands for: 1 for a record, the count for a notice. */
    public long weight() {
        return isLostNotice() ? lost : 1;
    }

    @Override
    public String toString() {
        return "FeedEntry[" + seq + ", " + scope + (isLostNotice() ? ", lost " + lost
                : ", " + new String(json, StandardCharsets.UTF_8)) + "]";
    }
}
