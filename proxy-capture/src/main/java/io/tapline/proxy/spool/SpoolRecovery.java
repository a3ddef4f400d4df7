package io.tapline.proxy.spool;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a spool directory back after a restart or a crash: finds the segments and the committed position,
 * deletes segments consumed before the crash, cuts off a line torn mid-write, and counts what is left.
 */
final class SpoolRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolRecovery.class);
    private static final Pattern SEGMENT = Pattern.compile("spool-(\\d{16})\\.ndjson");

    final TreeMap<Long, Segment> segments = new TreeMap<>();
    SpoolPosition committed;
    long nextSeq;
    long lines;
    long sizeBytes;
    long tornLines;

    private SpoolRecovery() {
    }

    static SpoolRecovery recover(Path dir, Path positionFile) throws IOException {
        SpoolRecovery r = new SpoolRecovery();
        Files.createDirectories(dir);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                Matcher m = SEGMENT.matcher(f.getFileName().toString());
                if (m.matches()) {
                    long seq = Long.parseLong(m.group(1));
                    r.segments.put(seq, new Segment(seq, f, Files.size(f)));
                }
            }
        }
        r.committed = r.readPosition(dir, positionFile);
        for (Segment s : r.segments.values()) {
            long from = s.seq == r.committed.segment() ? r.committed.offset() : 0;
            SegmentLines.Count c = SegmentLines.count(s.path, from);
            if (s == r.segments.lastEntry().getValue() && c.endOfLastLine() < c.size()) {
                try (FileChannel ch = FileChannel.open(s.path, StandardOpenOption.WRITE)) {
                    ch.truncate(c.endOfLastLine()); // a line torn by a crash mid-write: it was never whole
                }
                r.tornLines++;
                LOG.warn("spool segment {} ended in a torn line of {} bytes; cut off", s.path,
                        c.size() - c.endOfLastLine());
                s.size = c.endOfLastLine();
            }
            r.lines += c.lines();
            r.sizeBytes += s.size;
        }
        r.nextSeq = r.segments.isEmpty() ? r.committed.segment() : r.segments.lastKey() + 1;
        return r;
    }

    /** The committed position, made consistent with the segments found; older segments are deleted. */
    private SpoolPosition readPosition(Path dir, Path positionFile) throws IOException {
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
        if (segments.isEmpty()) {
            return new SpoolPosition(saved.segment(), 0);
        }
        Segment head = segments.firstEntry().getValue();
        if (head.seq != saved.segment()) {
            return new SpoolPosition(head.seq, 0);
        }
        return new SpoolPosition(head.seq, Math.min(saved.offset(), head.size));
    }
}
