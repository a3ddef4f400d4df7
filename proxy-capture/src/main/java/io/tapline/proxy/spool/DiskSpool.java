package io.tapline.proxy.spool;

import io.tapline.schema.LogRecord;
import io.tapline.schema.WireCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An append-only, bounded, segmented queue of records on disk: where a sink puts records its destination cannot
 * take, to replay them in order later. Records are WireCodec lines in {@code spool-<seq>.ndjson} segments; the
 * committed read position lives in {@code spool.position}, so a restarted spool continues where it stopped
 * (at least once: records peeked but not committed before a crash are replayed again).
 *
 * <p>Durability: every append is written to the file at once (it survives the process dying), but
 * {@code FileChannel.force} runs at most once per fsync interval and on each segment roll, so a power loss can
 * lose up to that interval of spooled records. Forcing on every append would cap the spool at the disk's sync
 * rate exactly when the sink is down and traffic keeps coming.
 *
 * <p>Synchronized: meant for one producer and one consumer (the sink thread is both).
 */
public final class DiskSpool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiskSpool.class);
    static final String POSITION_FILE = "spool.position";

    private final Path dir;
    private final Path positionFile;
    private final long maxBytes;
    private final long segmentBytes;
    private final long fsyncIntervalNanos;
    /** Live segments by sequence number; the last one is the one appended to. */
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private SpoolPosition committed;
    private SegmentWriter writer;
    private long sizeBytes;
    private long lines;
    private long corruptLines;
    private SpoolPosition corruptCountedTo = new SpoolPosition(-1, 0);
    private Peek peeked;
    private boolean closed;

    /** A spool in {@code dir} holding at most {@code maxBytes}, in segments of about {@code segmentBytes}. */
    public DiskSpool(Path dir, long maxBytes, long segmentBytes) {
        this(dir, maxBytes, segmentBytes, Duration.ofSeconds(1));
    }

    /** As above, forcing appended data to the disk at most once per {@code fsyncInterval}. */
    public DiskSpool(Path dir, long maxBytes, long segmentBytes, Duration fsyncInterval) {
        if (maxBytes < 1 || segmentBytes < 1 || segmentBytes > maxBytes) {
            throw new IllegalArgumentException("need 0 < segmentBytes <= maxBytes, got segmentBytes=" + segmentBytes
                    + " maxBytes=" + maxBytes);
        }
        this.dir = dir;
        this.positionFile = dir.resolve(POSITION_FILE);
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
        this.fsyncIntervalNanos = fsyncInterval.toNanos();
        try {
            open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the spool in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Appends every record of {@code batch} behind what is spooled, or none of them.
     *
     * @return false when the batch would take the spool past its maximum size (the caller counts the drop)
     * @throws UncheckedIOException when the disk refused the write; nothing of the batch is kept
     */
    public synchronized boolean append(List<LogRecord> batch) {
        ensureOpen();
        if (batch.isEmpty()) {
            return true;
        }
        List<byte[]> encoded = new ArrayList<>(batch.size());
        long total = 0;
        for (LogRecord r : batch) {
            byte[] line = WireCodec.toLineBytes(r);
            encoded.add(line);
            total += line.length;
        }
        if (sizeBytes + total > maxBytes) {
            return false;
        }
        try {
            writer.append(encoded);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the spool in " + dir + ": " + e.getMessage(), e);
        }
        sizeBytes += total;
        lines += batch.size();
        return true;
    }

    /** Up to {@code max} of the oldest records, oldest first, without consuming them. */
    public synchronized List<LogRecord> peek(int max) {
        ensureOpen();
        try {
            Peek p = Peek.read(segments, committed, max, this::countCorrupt);
            if (p.records().isEmpty() && p.scanEnd().compareTo(committed) > 0) {
                moveTo(p.scanEnd(), p.scanLines()); // only unreadable lines: step past them, they are counted
                p = Peek.read(segments, committed, max, this::countCorrupt);
            }
            peeked = p;
            return p.records();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spool in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Consumes the first {@code count} records of the last {@link #peek}; deletes segments read to the end. */
    public synchronized void commit(int count) {
        ensureOpen();
        if (count == 0) {
            return;
        }
        if (peeked == null || count < 0 || count > peeked.records().size()) {
            throw new IllegalArgumentException("commit(" + count + ") but the last peek returned "
                    + (peeked == null ? "nothing" : peeked.records().size() + " records"));
        }
        try {
            if (count == peeked.records().size()) {
                moveTo(peeked.scanEnd(), peeked.scanLines()); // also steps past unreadable lines behind the last
            } else {
                moveTo(peeked.ends().get(count - 1), peeked.linesTo().get(count - 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit the spool position in " + dir + ": " + e.getMessage(), e);
        }
        peeked = null;
    }

    /** True when every spooled record has been committed (exact). */
    public synchronized boolean isEmpty() {
        if (segments.isEmpty()) {
            return true;
        }
        Segment last = segments.lastEntry().getValue();
        return committed.segment() == last.seq && committed.offset() >= last.size;
    }

    /** Bytes on disk, including the consumed start of the oldest segment (it is deleted once read to its end). */
    public synchronized long sizeBytes() {
        return sizeBytes;
    }

    /** Records not yet committed (lines, so a corrupt line counts until it is stepped past). */
    public synchronized long records() {
        return lines;
    }

    /** Lines found torn (a crash mid-write) or unreadable, skipped and never replayed. */
    public synchronized long corruptLines() {
        return corruptLines;
    }

    public Path directory() {
        return dir;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        writer.close(true);
    }

    private void open() throws IOException {
        SpoolRecovery r = SpoolRecovery.recover(dir, positionFile);
        segments.putAll(r.segments);
        committed = r.committed;
        writer = new SegmentWriter(dir, segments, segmentBytes, fsyncIntervalNanos, r.nextSeq);
        lines = r.lines;
        sizeBytes = r.sizeBytes;
        corruptLines = r.tornLines;
    }

    /** Makes {@code to} the committed position and deletes the segments it left behind. */
    private void moveTo(SpoolPosition to, long consumedLines) throws IOException {
        Map.Entry<Long, Segment> higher = segments.higherEntry(to.segment());
        Segment at = segments.get(to.segment());
        while (higher != null && at != null && to.offset() >= at.size) {
            to = new SpoolPosition(higher.getKey(), 0);
            at = higher.getValue();
            higher = segments.higherEntry(to.segment());
        }
        lines = Math.max(0, lines - consumedLines);
        boolean empty = at != null && higher == null && to.offset() >= at.size;
        if (empty) {
            // Everything is consumed: start over in a fresh segment, so an idle spool takes no disk space.
            writer.close(true);
            to = new SpoolPosition(writer.nextSeq(), 0);
        }
        to.save(positionFile); // the position moves first: a crash before the deletes only leaves files to sweep
        committed = to;
        while (!segments.isEmpty() && segments.firstKey() < to.segment()) {
            Segment gone = segments.pollFirstEntry().getValue();
            Files.deleteIfExists(gone.path);
            sizeBytes -= gone.size;
        }
        if (empty) {
            lines = 0;
        }
    }

    private void countCorrupt(SpoolPosition at, String why) {
        if (at.compareTo(corruptCountedTo) > 0) { // a line peeked twice is counted once
            corruptCountedTo = at;
            corruptLines++;
            LOG.warn("skipping an unreadable spool line ending at {}: {}", at, why);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the spool in " + dir + " is closed");
        }
    }
}
