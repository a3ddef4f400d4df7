package io.tapline.api.feed;

import java.util.List;

/**
 * One stream's registration with a {@link RingFeed}: how it started (live, resumed or reset), the ring entries
 * its {@code Last-Event-ID} asks to replay, and {@link #close()} to stop the live entries.
 */
public final class Subscription implements AutoCloseable {

    /** How a subscription relates to the client's {@code Last-Event-ID}. */
    public enum Start {
        /** No {@code Last-Event-ID}: live entries only. */
        LIVE,
        /** A {@code Last-Event-ID} of this process: replay what follows it, then live. */
        RESUMED,
        /** A {@code Last-Event-ID} from an earlier process (or another replica): the client must start afresh. */
        RESET
    }

    /** One step of the replay: a gap the ring could no longer replay (or null), then entries in ringSeq order. */
    public record ReplayBatch(Dropped dropped, List<FeedEntry> entries) {
        public boolean isEmpty() {
            return dropped == null && entries.isEmpty();
        }
    }

    private final RingFeed feed;
    private final FeedFilter filter;
    private final FeedListener listener;
    private final Start start;
    private final long position;
    /** Next ringSeq to replay; guarded by the feed's lock. */
    private long replayNext;
    private boolean closed;
    /** Set under the feed's lock when a publish queues an entry here, cleared before the listener is woken. */
    private volatile boolean touched;

    Subscription(RingFeed feed, FeedFilter filter, FeedListener listener, Start start, long replayFrom,
                 long position) {
        this.feed = feed;
        this.filter = filter;
        this.listener = listener;
        this.start = start;
        this.replayNext = replayFrom;
        this.position = position;
    }

    public Start start() {
        return start;
    }

    /** The newest ringSeq when the subscription began: replay ends here, live entries start after it. */
    public long position() {
        return position;
    }

    public FeedFilter filter() {
        return filter;
    }

    FeedListener listener() {
        return listener;
    }

    long replayNext() {
        return replayNext;
    }

    void replayNext(long next) {
        this.replayNext = next;
    }

    boolean touched() {
        return touched;
    }

    void touched(boolean value) {
        touched = value;
    }

    boolean closed() {
        return closed;
    }

    void markClosed() {
        closed = true;
    }

    /** Up to {@code maxEntries} more replayed entries; an empty batch once the replay has caught up. */
    public ReplayBatch nextReplay(int maxEntries) {
        return feed.replay(this, maxEntries);
    }

    /** Stops the live entries; idempotent. */
    @Override
    public void close() {
        feed.unsubscribe(this);
    }
}
