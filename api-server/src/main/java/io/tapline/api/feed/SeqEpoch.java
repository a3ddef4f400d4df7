package io.tapline.api.feed;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.LongSupplier;

/**
 * Where this process's ringSeq starts, so that it is at least {@link #MARGIN} beyond every ringSeq an earlier
 * process issued and an old {@code Last-Event-ID} is recognised as such ({@code event: reset}).
 *
 * <p>Two guards, the larger wins: the wall clock (start = epoch milliseconds × 1,000, safe unless a process
 * issued over a million ids a second or the clock stepped back), and, with a state file, a persisted
 * reservation: before any ringSeq at or past the reserved bound is issued, the bound moves {@link #BLOCK} ahead
 * on disk, and the next process starts {@link #MARGIN} past it. The values stay below 2^53, safe in JavaScript.
 */
public final class SeqEpoch {

    private static final Logger log = LoggerFactory.getLogger(SeqEpoch.class);

    /** The least distance between the ids of two processes (seed 004: "a ≥10 000 safety margin"). */
    public static final long MARGIN = 10_000;
    /** How far ahead a reservation reaches, so that the file is written rarely (every 100,000 entries). */
    static final long BLOCK = 100_000;

    private final Path file;
    private final long firstSeq;
    private long reserved;

    private SeqEpoch(Path file, long firstSeq) {
        this.file = file;
        this.firstSeq = firstSeq;
        this.reserved = firstSeq;
    }

    /** Clock-based only: for a process without a data directory. */
    public static SeqEpoch fromClock(LongSupplier clockMs) {
        return new SeqEpoch(null, clockStart(clockMs));
    }

    /**
     * Clock-based and persisted in {@code file} (created when missing). An unreadable file is reported and
     * ignored: the clock guard still holds.
     */
    public static SeqEpoch persistent(Path file, LongSupplier clockMs) {
        long start = clockStart(clockMs);
        Long previous = read(file);
        if (previous != null) {
            start = Math.max(start, previous + MARGIN);
        }
        SeqEpoch epoch = new SeqEpoch(file, start);
        epoch.reserve(start);
        return epoch;
    }

    private static long clockStart(LongSupplier clockMs) {
        return Math.max(1, clockMs.getAsLong()) * 1_000L;
    }

    /** The first ringSeq of this process. */
    public long firstSeq() {
        return firstSeq;
    }

    /** Called before {@code seq} is issued; moves the persisted bound when {@code seq} reaches it. */
    void reserve(long seq) {
        if (file == null || seq < reserved) {
            return;
        }
        reserved = seq + BLOCK;
        write(file, reserved);
    }

    private static Long read(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            log.warn("live feed: ignoring unreadable ringSeq state {} ({}); the clock guard still applies", file,
                    e.getMessage());
            return null;
        }
    }

    private static void write(Path file, long value) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(tmp, Long.toString(value) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            log.warn("live feed: could not persist the ringSeq reservation in {} ({}); the clock guard still applies",
                    file, e.getMessage());
        }
    }
}
