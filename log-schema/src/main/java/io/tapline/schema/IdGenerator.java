package io.tapline.schema;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Issues unique, time-ordered 64-bit record ids: 41 bits of milliseconds since 2024-01-01T00:00:00Z, 10 bits of
 * node id and 12 bits of sequence. Thread-safe and lock-free; ids from one generator only ever increase.
 */
public final class IdGenerator {
    /** 2024-01-01T00:00:00Z, the zero of the id's timestamp. */
    public static final long EPOCH_MS = 1_704_067_200_000L;
    public static final int MAX_NODE_ID = 1023;

    private static final int SEQUENCE_BITS = 12;
    private static final int NODE_BITS = 10;
    private static final int TIMESTAMP_SHIFT = SEQUENCE_BITS + NODE_BITS;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;
    // 41 bits keep the sign bit clear, so ids are always positive (until 2093).
    private static final long MAX_TIMESTAMP = (1L << 41) - 1;

    private final long nodeBits;
    private final LongSupplier clock;
    /** The last id issued; all state lives here so that one CAS publishes timestamp and sequence together. */
    private final AtomicLong last;

    /** A generator for {@code nodeId} on the system clock. */
    public IdGenerator(int nodeId) {
        this(nodeId, System::currentTimeMillis);
    }

    /** A generator for {@code nodeId} (0..1023, unique among the processes issuing ids) reading {@code clock}. */
    public IdGenerator(int nodeId, LongSupplier clock) {
        if (nodeId < 0 || nodeId > MAX_NODE_ID) {
            throw new IllegalArgumentException("nodeId must be between 0 and " + MAX_NODE_ID + ", got " + nodeId);
        }
        this.nodeBits = (long) nodeId << SEQUENCE_BITS;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.last = new AtomicLong(nodeBits);
    }

    /** The next id: greater than every id this generator issued before, whatever the wall clock does. */
    public long nextId() {
        while (true) {
            long previous = last.get();
            long previousTs = previous >>> TIMESTAMP_SHIFT;
            long now = clock.getAsLong() - EPOCH_MS;
            long next;
            if (now > previousTs) {
                next = compose(now, 0);
            } else if ((previous & SEQUENCE_MASK) < SEQUENCE_MASK) {
                // Same millisecond, or the clock stepped back: carry on from the last timestamp, never reuse.
                next = previous + 1;
            } else {
                // Sequence exhausted: borrow the next millisecond instead of spinning until the clock gets there.
                next = compose(previousTs + 1, 0);
            }
            if (last.compareAndSet(previous, next)) {
                return next;
            }
        }
    }

    /** Epoch milliseconds encoded in {@code id}. */
    public static long timestampOf(long id) {
        return (id >>> TIMESTAMP_SHIFT) + EPOCH_MS;
    }

    /** Node id encoded in {@code id}. */
    public static int nodeOf(long id) {
        return (int) ((id >>> SEQUENCE_BITS) & MAX_NODE_ID);
    }

    /** Sequence number within its millisecond encoded in {@code id}. */
    public static int sequenceOf(long id) {
        return (int) (id & SEQUENCE_MASK);
    }

    /** The smallest id any generator can issue at {@code epochMs}, for time-bounded id ranges. */
    public static long firstIdAt(long epochMs) {
        return Math.max(0, epochMs - EPOCH_MS) << TIMESTAMP_SHIFT;
    }

    private long compose(long timestamp, long sequence) {
        if (timestamp > MAX_TIMESTAMP) {
            throw new IllegalStateException("id timestamp overflow: the clock is past 2093");
        }
        return timestamp << TIMESTAMP_SHIFT | nodeBits | sequence;
    }
}
