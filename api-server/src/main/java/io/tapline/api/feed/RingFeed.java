package io.tapline.api.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.api.feed.Subscription.ReplayBatch;
import io.tapline.api.query.EntryRenderer;
import io.tapline.schema.Kind;
import io.tapline.schema.LogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link LiveFeed}: a {@link RingBuffer} of rendered entries (default 5,000) numbered from a {@link SeqEpoch},
 * and the subscribers it fans new entries out to. Sources call {@link #publish}; each entry is rendered to JSON
 * and framed once, whatever the number of subscribers. Subscribers are indexed by project, so a tenant's stream
 * costs nothing for other tenants' records.
 */
public final class RingFeed implements LiveFeed {

    private static final Logger log = LoggerFactory.getLogger(RingFeed.class);

    public static final int DEFAULT_CAPACITY = 5_000;
    /** The event action the proxy reports a removed container with. */
    public static final String SCOPE_DESTROYED_ACTION = "scope-destroyed";
    /** How many ring lengths of scopes are remembered to count a resume's gap exactly. */
    static final int HISTORY_FACTOR = 16;
    private static final int MAX_INTERNED_SCOPES = 10_000;

    private final Object lock = new Object();
    private final int capacity;
    private final RingBuffer ring;
    private final SeqEpoch epoch;
    private final EntryRenderer renderer;
    private final ObjectMapper mapper;
    /**
     * Streams over every project (admins), and streams by project. Guarded by {@link #lock}, like everything below;
     * copied on write, because a listener may close its own subscription while the fan-out iterates (reentrantly,
     * on the same thread) and because entries vastly outnumber subscribes.
     */
    private Subscription[] unscoped = new Subscription[0];
    private final Map<String, Subscription[]> byProject = new HashMap<>();
    private final Map<EntryScope, EntryScope> interned = new HashMap<>();
    private int subscribers;
    /** Told after every subscribe, outside the lock (a source that idles while nobody listens wakes up). */
    private volatile Runnable onSubscribe = () -> { };

    /**
     * @param capacity entries held for replay (seed 004: 5,000)
     * @param epoch    where ringSeq starts
     * @param renderer the seed-004 entry of a record, in production {@code ApiCodec::toEntry}
     */
    public RingFeed(int capacity, SeqEpoch epoch, EntryRenderer renderer, ObjectMapper mapper) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        // Scopes of up to 16 ring lengths (at most a million, or the ring itself when larger) are a few bytes each.
        long history = Math.max(capacity, Math.min(1_000_000L, (long) capacity * HISTORY_FACTOR));
        this.ring = new RingBuffer(capacity, (int) history, epoch.firstSeq());
        this.epoch = epoch;
        this.renderer = renderer;
        this.mapper = mapper;
    }

    /**
     * Appends {@code record} as the next entry and hands it to every subscriber that wants it. Thread-safe;
     * the JSON is rendered before the lock is taken.
     *
     * @throws IllegalArgumentException when the record cannot be rendered (nothing is appended)
     */
    public FeedEntry publish(LogRecord record) {
        Rendered r = render(record);
        List<Subscription> touched = new ArrayList<>();
        FeedEntry entry;
        synchronized (lock) {
            entry = append(r, touched);
        }
        wake(touched);
        return entry;
    }

    /**
     * Appends {@code records} in order as consecutive entries; each subscriber is told once, after the whole
     * batch, so a batch costs a stream one write however many of its entries it holds. A record that cannot be
     * rendered is not skipped silently: it becomes a lost-records notice of its scope, in its place.
     *
     * @return the entries appended, one per record
     */
    public List<FeedEntry> publishAll(List<LogRecord> records) {
        List<Rendered> rendered = new ArrayList<>(records.size());
        for (LogRecord record : records) {
            try {
                rendered.add(render(record));
            } catch (IllegalArgumentException e) {
                log.error("live feed: record {} could not be rendered; streams are told it is missing",
                        record.id(), e);
                rendered.add(new Rendered(null, scopeOf(record), 0, false));
            }
        }
        List<FeedEntry> entries = new ArrayList<>(rendered.size());
        List<Subscription> touched = new ArrayList<>();
        synchronized (lock) {
            for (Rendered r : rendered) {
                entries.add(append(r, touched));
            }
        }
        wake(touched);
        return entries;
    }

    /** Appends a notice that {@code count} records of {@code scope} were lost before reaching the ring. */
    public FeedEntry publishLost(EntryScope scope, long count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive");
        }
        List<Subscription> touched = new ArrayList<>();
        FeedEntry entry;
        synchronized (lock) {
            long seq = ring.nextSeq();
            epoch.reserve(seq);
            entry = FeedEntry.lost(seq, intern(scope), count);
            append(entry, touched);
        }
        wake(touched);
        return entry;
    }

    /** A record's entry JSON, or null when rendering failed (the record becomes a lost notice). */
    private record Rendered(byte[] json, EntryScope scope, long recordId, boolean destroyed) {
    }

    private Rendered render(LogRecord record) {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(renderer.render(record, false, false));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("record " + record.id() + " cannot be rendered: " + e.getMessage(), e);
        }
        boolean destroyed = record.kind() == Kind.EVENT && SCOPE_DESTROYED_ACTION.equals(record.action())
                && record.containerId() != null;
        return new Rendered(json, scopeOf(record), record.id(), destroyed);
    }

    private static EntryScope scopeOf(LogRecord record) {
        return new EntryScope(record.projectId(), record.containerId(), record.kind(), record.level());
    }

    /** Caller holds the lock. */
    private FeedEntry append(Rendered r, List<Subscription> touched) {
        long seq = ring.nextSeq();
        epoch.reserve(seq);
        FeedEntry entry = r.json() == null ? FeedEntry.lost(seq, intern(r.scope()), 1)
                : FeedEntry.record(seq, intern(r.scope()), r.json(), r.recordId(), r.destroyed());
        append(entry, touched);
        return entry;
    }

    /** Outside the lock: each subscriber that got entries hands them to its writer, once. */
    private static void wake(List<Subscription> touched) {
        for (Subscription s : touched) {
            // Cleared before the call: an entry queued after this point marks the subscription again and is
            // woken by its own publish; one queued before it is seen by this call.
            s.touched(false);
            try {
                s.listener().entriesQueued();
            } catch (RuntimeException e) {
                log.warn("live feed: a subscriber failed to take its entries: {}", e.toString());
            }
        }
    }

    /** Caller holds the lock. */
    private void append(FeedEntry entry, List<Subscription> touched) {
        ring.append(entry);
        for (Subscription s : unscoped) {
            offer(s, entry, touched);
        }
        String project = entry.scope().projectId();
        if (project != null) {
            Subscription[] scoped = byProject.get(project);
            if (scoped != null) {
                for (Subscription s : scoped) {
                    offer(s, entry, touched);
                }
            }
        }
    }

    private static void offer(Subscription s, FeedEntry entry, List<Subscription> touched) {
        if (s.filter().wants(entry)) {
            try {
                s.listener().onEntry(entry);
            } catch (RuntimeException e) {
                // One broken subscriber must not cost the others their entries.
                log.warn("live feed: a subscriber failed to take entry {}: {}", entry.seq(), e.toString());
            }
            if (!s.touched()) {
                s.touched(true);
                touched.add(s);
            }
        }
    }

    private EntryScope intern(EntryScope scope) {
        EntryScope known = interned.get(scope);
        if (known != null) {
            return known;
        }
        if (interned.size() < MAX_INTERNED_SCOPES) {
            interned.put(scope, scope);
        }
        return scope;
    }

    /**
     * Runs {@code hook} after every subscribe, on the subscribing thread and outside the feed's lock; it must not
     * block. One hook per feed: its source, which may poll less often while nobody listens.
     */
    public void onSubscribe(Runnable hook) {
        onSubscribe = hook;
    }

    @Override
    public Subscription subscribe(FeedFilter filter, Long lastEventId, FeedListener listener) {
        Subscription s = register(filter, lastEventId, listener);
        onSubscribe.run();
        return s;
    }

    private Subscription register(FeedFilter filter, Long lastEventId, FeedListener listener) {
        synchronized (lock) {
            long last = ring.lastSeq();
            Subscription.Start start;
            long replayFrom;
            if (lastEventId == null) {
                start = Subscription.Start.LIVE;
                replayFrom = last + 1;
            } else if (lastEventId < ring.firstSeq() - 1 || lastEventId > last) {
                start = Subscription.Start.RESET;
                replayFrom = last + 1;
            } else {
                start = Subscription.Start.RESUMED;
                replayFrom = lastEventId + 1;
            }
            Subscription s = new Subscription(this, filter, listener, start, replayFrom, last);
            if (filter.projects() == null) {
                unscoped = with(unscoped, s);
            } else {
                for (String project : filter.projects()) {
                    byProject.put(project, with(byProject.getOrDefault(project, new Subscription[0]), s));
                }
            }
            subscribers++;
            return s;
        }
    }

    ReplayBatch replay(Subscription s, int maxEntries) {
        synchronized (lock) {
            long next = s.replayNext();
            long until = s.position();
            Dropped dropped = null;
            if (next <= until && next < ring.oldestHeld()) {
                long gapEnd = Math.min(until, ring.oldestHeld() - 1);
                Dropped gap = ring.countMatching(next, gapEnd, s.filter());
                dropped = gap.count() > 0 || !gap.exact() ? gap : null;
                next = gapEnd + 1;
            }
            List<FeedEntry> entries = new ArrayList<>();
            while (next <= until && entries.size() < maxEntries) {
                FeedEntry e = ring.get(next++);
                if (s.filter().wants(e)) {
                    entries.add(e);
                }
            }
            s.replayNext(next);
            return new ReplayBatch(dropped, entries);
        }
    }

    void unsubscribe(Subscription s) {
        synchronized (lock) {
            if (s.closed()) {
                return;
            }
            s.markClosed();
            subscribers--;
            if (s.filter().projects() == null) {
                unscoped = without(unscoped, s);
                return;
            }
            for (String project : s.filter().projects()) {
                Subscription[] scoped = byProject.get(project);
                if (scoped != null) {
                    Subscription[] rest = without(scoped, s);
                    if (rest.length == 0) {
                        byProject.remove(project);
                    } else {
                        byProject.put(project, rest);
                    }
                }
            }
        }
    }

    private static Subscription[] with(Subscription[] all, Subscription s) {
        Subscription[] more = Arrays.copyOf(all, all.length + 1);
        more[all.length] = s;
        return more;
    }

    private static Subscription[] without(Subscription[] all, Subscription s) {
        return Arrays.stream(all).filter(x -> x != s).toArray(Subscription[]::new);
    }

    @Override
    public long firstSeq() {
        return ring.firstSeq();
    }

    @Override
    public long lastSeq() {
        synchronized (lock) {
            return ring.lastSeq();
        }
    }

    /** Entries held for replay. */
    public int capacity() {
        return capacity;
    }

    /** Open subscriptions, for metrics and tests. */
    public int subscribers() {
        synchronized (lock) {
            return subscribers;
        }
    }
}
