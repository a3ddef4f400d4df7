package io.tapline.api.feed;

/** Receives the live entries of one {@link Subscription}. */
@FunctionalInterface
public interface FeedListener {

    /**
     * One new entry the subscription's filter wants, in ringSeq order. Called on a publishing thread while the
     * feed holds its lock: it must only queue the entry and return, never block or write to a socket.
     */
    void onEntry(FeedEntry entry);

    /**
     * Called once after each publish that gave this listener entries, on the publishing thread once the feed has
     * released its lock: the moment to hand the queued entries to a writer. A batch of records thus costs a
     * listener one hand-off, however many of its entries the batch holds. Must not block.
     */
    default void entriesQueued() {
    }
}
