package io.tapline.api.feed;

import io.tapline.schema.LogRecord;
import io.tapline.store.tail.ElasticsearchTail;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.function.Consumer;

/**
 * Finds the records that became visible behind the tail follower's cursor, once a poll has counted more records in
 * the settle window than were followed there. Reading the whole window again (about 20,000 records at 2,000 a
 * second over 10 s: twenty searches of 1,000 decoded hits) would stall every stream for seconds, so the window is
 * cut into parts of {@link #PART} followed ids each, one request counts every part, and only the parts holding
 * more records than were followed are read: each with its followed ids excluded in the query, so that only the
 * late records themselves travel and are decoded. Late records are published in id order, part by part.
 *
 * <p>A followed record deleted from the index meanwhile could hide a late one in the same part (the counts would
 * match); records are not deleted within seconds of their capture, so the window is not read to rule that out.
 */
final class LateScan {

    /** Followed ids per part: at most this many travel as one {@code must_not terms} query. */
    static final int PART = 1_024;

    private final ElasticsearchTail tail;
    private final NavigableSet<Long> followed;
    private final int page;
    private final Consumer<List<LogRecord>> publish;
    private long scans;
    private long countRequests;
    private long partsRead;
    private long reads;

    /**
     * @param followed the ids the follower published, which {@code publish} adds to; read and changed by the
     *                 follower's thread only, like this scan
     * @param publish  publishes late records (never twice: it checks and updates {@code followed})
     */
    LateScan(ElasticsearchTail tail, NavigableSet<Long> followed, int page, Consumer<List<LogRecord>> publish) {
        this.tail = tail;
        this.followed = followed;
        this.page = page;
        this.publish = publish;
    }

    /**
     * Publishes the records of {@code (floor, cursor]} that are not followed, given that Elasticsearch counted
     * {@code settled} records there.
     */
    void scan(long floor, long cursor, long settled) {
        scans++;
        Parts parts = Parts.of(followed.subSet(floor, false, cursor, true), floor, cursor, PART);
        long[] counts = parts.known().length == 1 ? new long[]{settled} : tail.counts(parts.bounds());
        if (parts.known().length > 1) {
            countRequests++;
        }
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > parts.known()[i]) {
                partsRead++;
                readMissing(parts.bounds()[i], parts.bounds()[i + 1]);
            }
        }
    }

    /** Reads the records of {@code (after, to]} that are not followed, page by page, and publishes them. */
    private void readMissing(long after, long to) {
        long from = after;
        while (true) {
            List<Long> known = new ArrayList<>(followed.subSet(from, false, to, true));
            List<LogRecord> found = tail.missing(from, to, known, page);
            reads++;
            publish.accept(found);
            if (found.size() < page) {
                return;
            }
            from = found.get(found.size() - 1).id();
        }
    }

    /** Scans so far, the requests they took and the parts they read. For tests and diagnosis. */
    String describe() {
        return scans + " late scans, " + countRequests + " count requests, " + partsRead + " parts read in "
                + reads + " reads";
    }

    /**
     * The window cut into consecutive ranges {@code (bounds[i], bounds[i + 1]]}, each holding {@code known[i]}
     * followed ids, at most {@code size}.
     */
    record Parts(long[] bounds, int[] known) {

        static Parts of(NavigableSet<Long> window, long floor, long cursor, int size) {
            List<Long> bounds = new ArrayList<>();
            List<Integer> known = new ArrayList<>();
            bounds.add(floor);
            int inPart = 0;
            for (long id : window) {
                inPart++;
                if (inPart == size && id < cursor) {
                    bounds.add(id);
                    known.add(inPart);
                    inPart = 0;
                }
            }
            bounds.add(cursor);
            known.add(inPart);
            return new Parts(bounds.stream().mapToLong(Long::longValue).toArray(),
                    known.stream().mapToInt(Integer::intValue).toArray());
        }
    }
}
