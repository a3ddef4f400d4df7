package io.tapline.api.feed;

/**
 * The last {@code capacity} entries by ringSeq, plus the scope of the last {@code historyCapacity} (a few bytes
 * each) so that a gap reaching past the held entries can still be counted exactly per filter. Not thread-safe:
 * {@link RingFeed} guards it.
 */
final class RingBuffer {

    private final FeedEntry[] slots;
    private final EntryScope[] scopes;
    private final long[] weights;
    private final long firstSeq;
    private long nextSeq;

    RingBuffer(int capacity, int historyCapacity, long firstSeq) {
        if (capacity < 1 || historyCapacity < capacity) {
            throw new IllegalArgumentException("need 1 <= capacity <= historyCapacity, got " + capacity + ", "
                    + historyCapacity);
        }
        if (firstSeq < 1) {
            throw new IllegalArgumentException("firstSeq must be positive");
        }
        this.slots = new FeedEntry[capacity];
        this.scopes = new EntryScope[historyCapacity];
        this.weights = new long[historyCapacity];
        this.firstSeq = firstSeq;
        this.nextSeq = firstSeq;
    }

    /** The first ringSeq this ring issues. */
    long firstSeq() {
        return firstSeq;
    }

    /** The newest ringSeq issued; {@code firstSeq() - 1} while empty. */
    long lastSeq() {
        return nextSeq - 1;
    }

    /** The ringSeq the next {@link #append} gets. */
    long nextSeq() {
        return nextSeq;
    }

    /** The oldest ringSeq whose entry is still held. */
    long oldestHeld() {
        return Math.max(firstSeq, nextSeq - slots.length);
    }

    /** The oldest ringSeq whose scope is still remembered. */
    long oldestRemembered() {
        return Math.max(firstSeq, nextSeq - scopes.length);
    }

    /** Stores {@code entry}, which must carry {@link #nextSeq()}, evicting the oldest when full. */
    void append(FeedEntry entry) {
        if (entry.seq() != nextSeq) {
            throw new IllegalArgumentException("expected ringSeq " + nextSeq + ", got " + entry.seq());
        }
        slots[(int) (nextSeq % slots.length)] = entry;
        int h = (int) (nextSeq % scopes.length);
        scopes[h] = entry.scope();
        weights[h] = entry.weight();
        nextSeq++;
    }

    /** The entry with this ringSeq, or null when it was evicted or not issued yet. */
    FeedEntry get(long seq) {
        if (seq < oldestHeld() || seq >= nextSeq) {
            return null;
        }
        return slots[(int) (seq % slots.length)];
    }

    /**
     * The frames {@code filter} would have delivered among ringSeqs {@code from..to} (inclusive, already issued),
     * as a gap; counts only what is remembered and says so when the range reaches further back.
     */
    Dropped countMatching(long from, long to, FeedFilter filter) {
        long start = Math.max(from, oldestRemembered());
        long count = 0;
        for (long seq = start; seq <= to; seq++) {
            int h = (int) (seq % scopes.length);
            if (filter.matches(scopes[h])) {
                count += weights[h];
            }
        }
        return new Dropped(count, from, to, start == from);
    }
}
