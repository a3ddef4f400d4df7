package io.tapline.proxy.spool;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;

/**
 * Appends lines to the newest spool segment, rolling to a new segment before one would pass the segment size,
 * and syncing to disk at most once per interval and on each roll. An append that fails is undone entirely.
 */
final class SegmentWriter {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentWriter.class);

    private final Path dir;
    /** The spool's live segments, shared with it (same lock); new segments are added here. */
    private final NavigableMap<Long, Segment> segments;
    private final long segmentBytes;
    private final long fsyncIntervalNanos;
    private long nextSeq;
    private FileChannel out;
    private long lastForceNanos = System.nanoTime();

    SegmentWriter(Path dir, NavigableMap<Long, Segment> segments, long segmentBytes, long fsyncIntervalNanos,
                  long nextSeq) {
        this.dir = dir;
        this.segments = segments;
        this.segmentBytes = segmentBytes;
        this.fsyncIntervalNanos = fsyncIntervalNanos;
        this.nextSeq = nextSeq;
    }

    /** Appends every line, or, when the disk fails, none: the segments are cut back and the error rethrown. */
    void append(List<byte[]> lines) throws IOException {
        Segment first = segments.isEmpty() ? null : segments.lastEntry().getValue();
        long firstSize = first == null ? 0 : first.size;
        try {
            List<ByteBuffer> pending = new ArrayList<>();
            long pendingBytes = 0;
            for (byte[] line : lines) {
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
            throw e;
        }
        maybeForce();
    }

    /** The sequence number the next new segment gets. */
    long nextSeq() {
        return nextSeq;
    }

    /** Closes the open segment (syncing it first when {@code force}); the next append reopens one. */
    void close(boolean force) {
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

    private Segment activeSegment() throws IOException {
        if (out == null) {
            Segment last = segments.isEmpty() ? null : segments.lastEntry().getValue();
            if (last == null || last.size >= segmentBytes) {
                newSegment();
            } else {
                out = FileChannel.open(last.path, StandardOpenOption.WRITE);
                out.position(last.size);
            }
        }
        return segments.lastEntry().getValue();
    }

    private void roll() throws IOException {
        out.force(false); // a finished segment is worth the sync: it may wait on disk a long time
        lastForceNanos = System.nanoTime();
        out.close();
        out = null;
        newSegment();
    }

    private void newSegment() throws IOException {
        long seq = nextSeq++;
        Path path = dir.resolve(Segment.fileName(seq));
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
        close(false);
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
                // the data is written and survives the process; the sync against power loss is best effort
                LOG.warn("cannot sync the spool in {}: {}", dir, e.getMessage());
            }
        }
    }
}
