package io.tapline.api.feed;

import java.util.ArrayDeque;

/**
 * The bounded queue between the feed and one slow or fast subscriber. When it is full, new entries are not
 * queued but counted, exactly and with their ringSeq range; the count comes out as a {@link Dropped} in the
 * place the missed entries would have had, and the subscriber then continues with what follows. Thread-safe:
 * the feed offers on its publishing thread, the subscriber's writer polls on its I/O thread.
 */
public final class SubscriberQueue {

    private final int capacity;
    private final ArrayDeque<Object> items = new ArrayDeque<>();
    private int entries;
    private Dropped pendingGap;
    private long offered;
    private long missed;

    public SubscriberQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Queues {@code entry}, or counts it as missed when the queue is full. A lost-records notice always becomes
     * a gap; {@code mustDeliver} entries (the end of a stream) are queued whatever the fill level.
     *
     * @return false when the entry was counted as missed instead of queued
     */
    public synchronized boolean offer(FeedEntry entry, boolean mustDeliver) {
        offered++;
        if (entry.isLostNotice()) {
            addGap(new Dropped(entry.lost(), entry.seq(), entry.seq(), true));
            return false;
        }
        if (entries >= capacity && !mustDeliver) {
            addGap(new Dropped(1, entry.seq(), entry.seq(), true));
            missed++;
            return false;
        }
        if (pendingGap != null) {
            items.add(pendingGap);
            pendingGap = null;
        }
        items.add(entry);
        entries++;
        return true;
    }

    private void addGap(Dropped gap) {
        pendingGap = pendingGap == null ? gap : pendingGap.plus(gap);
    }

    /**
     * The next thing to send: a {@link FeedEntry}, a {@link Dropped}, or null when there is nothing. A gap
     * recorded after the last queued entry comes out once the entries before it are gone.
     */
    public synchronized Object poll() {
        Object next = items.poll();
        if (next instanceof FeedEntry) {
            entries--;
            return next;
        }
        if (next != null) {
            return next;
        }
        Dropped gap = pendingGap;
        pendingGap = null;
        return gap;
    }

    /** True when {@link #poll()} would return something. */
    public synchronized boolean hasNext() {
        return !items.isEmpty() || pendingGap != null;
    }

    /** Entries this queue refused because it was full, since it was made. */
    public synchronized long missed() {
        return missed;
    }

    /** Entries offered since it was made. */
    public synchronized long offered() {
        return offered;
    }
}
