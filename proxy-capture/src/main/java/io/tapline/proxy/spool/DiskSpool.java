package io.tapline.proxy.spool;

import io.tapline.schema.LogRecord;
import io.tapline.schema.WireCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An append-only, bounded, segmented queue of records on disk: where a sink puts records its destination cannot
 * take, to replay them in order later. Records are WireCodec lines in {@code spool-<seq>.ndjson} segments; the
 * committed read position lives in {@code spool.position}, so a restarted spool continues where it stopped
 * (at least once: records peeked but not committed before a crash are replayed again).
 *
 * <p>Durability: every append is written to the file at once (it survives the process dying), but
 * {@link FileChannel#force} runs at most once per fsync interval and on each segment roll, so a power loss can
 * lose up to that interval of spooled records. Forcing on every append would cap the spool at the disk's sync
 * rate exactly when the sink is down and traffic keeps coming.
 *
 * <p>Synchronized: meant for one producer and one consumer (the sink thread is both).
 */
public final class DiskSpool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiskSpool.class);
    private static final Pattern SEGMENT = Pattern.compile("spool-(\\d{16})\\.ndjson");
    static final String POSITION_FILE = "spool.position";

    private final Path dir;
    private final Path positionFile;
    private final long maxBytes;
    private final long segmentBytes;
    private final long fsyncIntervalNanos;
    /** Live segments by sequence number; the last one is the one appended to. */
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private SpoolPosition committed;
    private long nextSeq;
    private FileChannel out;
    private long lastForceNanos = System.nanoTime();
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
        Segment first = segments.isEmpty() ? null : segments.lastEntry().getValue();
        long firstSize = first == null ? 0 : first.size;
        try {
            List<ByteBuffer> pending = new ArrayList<>();
            long pendingBytes = 0;
            for (byte[] line : encoded) {
                Segment active = activeSegment();
                if (active.size + pendingBytes > 0 && active.size + pendingBytes + line.length > segmentBytes) {
                    writeFully(pending, active);
                    pending.clear();
                    pendingBytes = 0;
                    roll();
                }
                pending.add(ByteBuffer.wrap(line));
                pendingBytes += line.length;
            }
            writeFully(pending, activeSegment());
        } catch (IOException e) {
            rollBack(first, firstSize);
            throw new UncheckedIOException("cannot append to the spool in " + dir + ": " + e.getMessage(), e);
        }
        sizeBytes += total;
        lines += batch.size();
        maybeForce();
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
        closeOut(true);
    }

    private void open() throws IOException {
        Files.createDirectories(dir);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                Matcher m = SEGMENT.matcher(f.getFileName().toString());
                if (m.matches()) {
                    long seq = Long.parseLong(m.group(1));
                    segments.put(seq, new Segment(seq, f, Files.size(f)));
                }
            }
        }
        long first = segments.isEmpty() ? 0 : segments.firstKey();
        SpoolPosition saved;
        try {
            saved = SpoolPosition.load(positionFile).orElse(new SpoolPosition(first, 0));
        } catch (IOException e) {
            // Replaying from the oldest segment repeats records (harmless: ids are unique) but loses none.
            LOG.warn("spool position unreadable, replaying {} from its oldest segment: {}", dir, e.getMessage());
            saved = new SpoolPosition(first, 0);
        }
        while (!segments.isEmpty() && segments.firstKey() < saved.segment()) {
            Files.deleteIfExists(segments.pollFirstEntry().getValue().path); // consumed before a crash
        }
        if (!segments.isEmpty() && segments.firstKey() != saved.segment()) {
            saved = new SpoolPosition(segments.firstKey(), 0);
        }
        committed = saved;
        nextSeq = segments.isEmpty() ? saved.segment() : segments.lastKey() + 1;
        for (Segment s : segments.values()) {
            long from = s.seq == committed.segment() ? Math.min(committed.offset(), s.size) : 0;
            SegmentLines.Count c = SegmentLines.count(s.path, from);
            if (s == segments.lastEntry().getValue() && c.endOfLastLine() < c.size()) {
                try (FileChannel ch = FileChannel.open(s.path, StandardOpenOption.WRITE)) {
                    ch.truncate(Math.max(from, c.endOfLastLine())); // a line torn by a crash mid-write
                }
                corruptLines++;
                LOG.warn("spool segment {} ended in a torn line of {} bytes; truncated", s.path,
                        c.size() - c.endOfLastLine());
                s.size = Math.max(from, c.endOfLastLine());
            }
            lines += c.lines();
            sizeBytes += s.size;
        }
        if (committed.offset() > 0 && segments.containsKey(committed.segment())) {
            committed = new SpoolPosition(committed.segment(),
                    Math.min(committed.offset(), segments.get(committed.segment()).size));
        }
    }

    private Segment activeSegment() throws IOException {
        if (out == null) {
            Segment last = segments.isEmpty() ? null : segments.lastEntry().getValue();
            if (last == null || last.size >= segmentBytes) {
                long seq = nextSeq++;
                Path path = dir.resolve(String.format("spool-%016d.ndjson", seq));
                out = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                segments.put(seq, new Segment(seq, path, 0));
            } else {
                out = FileChannel.open(last.path, StandardOpenOption.WRITE);
                out.position(last.size);
            }
        }
        return segments.lastEntry().getValue();
    }

    private void roll() throws IOException {
        out.force(false); // a finished segment is worth the sync: it may sit there a long time
        lastForceNanos = System.nanoTime();
        out.close();
        out = null;
        long seq = nextSeq++;
        Path path = dir.resolve(String.format("spool-%016d.ndjson", seq));
        out = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        segments.put(seq, new Segment(seq, path, 0));
    }

    private void writeFully(List<ByteBuffer> buffers, Segment active) throws IOException {
        ByteBuffer[] array = buffers.toArray(new ByteBuffer[0]);
        long want = 0;
        for (ByteBuffer b : array) {
            want += b.remaining();
        }
        long done = 0;
        while (done < want) {
            done += out.write(array);
        }
        active.size += want;
    }

    /** Undoes a failed append: cuts the segment it started in back to its old size, deletes the ones it created. */
    private void rollBack(Segment first, long firstSize) {
        closeOut(false);
        while (!segments.isEmpty() && (first == null || segments.lastKey() > first.seq)) {
            Segment s = segments.pollLastEntry().getValue();
            try {
                Files.deleteIfExists(s.path);
            } catch (IOException e) {
                LOG.warn("cannot delete {} after a failed append: {}", s.path, e.getMessage());
            }
        }
        if (first != null) {
            try (FileChannel ch = FileChannel.open(first.path, StandardOpenOption.WRITE)) {
                ch.truncate(firstSize);
                first.size = firstSize;
            } catch (IOException e) {
                LOG.warn("cannot truncate {} after a failed append: {}", first.path, e.getMessage());
            }
        }
    }

    private void maybeForce() {
        long now = System.nanoTime();
        if (now - lastForceNanos >= fsyncIntervalNanos) {
            lastForceNanos = now;
            try {
                out.force(false);
            } catch (IOException e) {
                LOG.warn("cannot sync the spool in {}: {}", dir, e.getMessage()); // the data is written; sync is best effort
            }
        }
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
            closeOut(true);
            to = new SpoolPosition(nextSeq, 0);
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

    private void closeOut(boolean force) {
        if (out != null) {
            try {
                if (force) {
                    out.force(false);
                }
                out.close();
            } catch (IOException e) {
                LOG.warn("cannot close spool segment in {}: {}", dir, e.getMessage());
            }
            out = null;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the spool in " + dir + " is closed");
        }
    }

    /** One segment file and its size on disk. */
    static final class Segment {
        final long seq;
        final Path path;
        long size;

        Segment(long seq, Path path, long size) {
            this.seq = seq;
            this.path = path;
            this.size = size;
        }
    }
}
