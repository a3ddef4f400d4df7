package io.tapline.api.feed;

/** Receives the live entries of one {@link Subscription}. */
@FunctionalInterface
public interface FeedListener {

    /**
     * One new entry the subscription's filter wants, in ringSeq order. Called on a publishing thread while the
     * feed holds its lock: it must only queue the entry and return, never block or write to a socket.
     */
    void onEntry(FeedEntry entry);
}
