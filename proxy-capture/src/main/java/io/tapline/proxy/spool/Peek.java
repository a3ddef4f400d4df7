package io.tapline.proxy.spool;

import io.tapline.schema.LogRecord;
import io.tapline.schema.WireCodec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.function.BiConsumer;

/**
 * What one {@link DiskSpool#peek} read: the records, and for each the position just past it and the lines
 * consumed up to it, so that a later commit of any prefix knows exactly where to move.
 *
 * @param records   the decoded records, oldest first
 * @param ends      position just past each record's line
 * @param linesTo   lines consumed up to and including each record (unreadable lines included)
 * @param scanEnd   position past everything read, including unreadable lines after the last record
 * @param scanLines lines consumed up to {@code scanEnd}
 */
record Peek(List<LogRecord> records, List<SpoolPosition> ends, List<Long> linesTo, SpoolPosition scanEnd,
            long scanLines) {

    /** Reads up to {@code max} records from {@code from}; unreadable lines are skipped and told to {@code corrupt}. */
    static Peek read(NavigableMap<Long, Segment> segments, SpoolPosition from, int max,
                     BiConsumer<SpoolPosition, String> corrupt) throws IOException {
        List<LogRecord> records = new ArrayList<>(Math.min(max, 4096));
        List<SpoolPosition> ends = new ArrayList<>();
        List<Long> linesTo = new ArrayList<>();
        SpoolPosition scanEnd = from;
        long lines = 0;
        for (Segment seg : segments.tailMap(from.segment(), true).values()) {
            if (records.size() >= max) {
                break;
            }
            long start = seg.seq == from.segment() ? from.offset() : 0;
            if (start >= seg.size) {
                continue;
            }
            try (SegmentLines reader = new SegmentLines(seg.path, start, seg.size)) {
                byte[] line;
                while (records.size() < max && (line = reader.next()) != null) {
                    lines++;
                    SpoolPosition at = new SpoolPosition(seg.seq, reader.position());
                    try {
                        records.add(WireCodec.fromLine(new String(line, StandardCharsets.UTF_8)));
                        ends.add(at);
                        linesTo.add(lines);
                    } catch (RuntimeException e) {
                        corrupt.accept(at, e.getMessage());
                    }
                    scanEnd = at;
                }
                if (records.size() < max && reader.hasPartialTail()) {
                    // Only a segment cut short outside our control ends mid-line; what follows is the next segment.
                    scanEnd = new SpoolPosition(seg.seq, seg.size);
                    corrupt.accept(scanEnd, "torn line at the end of " + seg.path.getFileName());
                }
            }
        }
        return new Peek(List.copyOf(records), ends, linesTo, scanEnd, lines);
    }
}
