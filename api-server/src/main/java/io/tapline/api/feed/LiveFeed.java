package io.tapline.api.feed;

/**
 * The live feed the SSE tail reads: entries numbered by ringSeq, replayable from a recent {@code Last-Event-ID}.
 * {@link RingFeed} is the implementation; the in-process publisher and the Elasticsearch tail follower fill it.
 */
public interface LiveFeed {

    /**
     * Registers {@code listener} for every new entry {@code filter} wants, and positions the subscription's
     * replay just after {@code lastEventId}: nothing is delivered twice and nothing is skipped between the
     * replay and the live entries.
     *
     * @param lastEventId the client's {@code Last-Event-ID}, or null for a fresh stream (live entries only)
     */
    Subscription subscribe(FeedFilter filter, Long lastEventId, FeedListener listener);

    /** The first ringSeq of this process; an id below {@code firstSeq() - 1} belongs to an earlier one. */
    long firstSeq();

    /** The newest ringSeq issued; {@code firstSeq() - 1} before the first entry. */
    long lastSeq();
}
