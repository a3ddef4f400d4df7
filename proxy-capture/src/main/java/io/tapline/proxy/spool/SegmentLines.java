package io.tapline.proxy.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads the complete lines of one spool segment between a start offset and a limit, telling after each line
 * the offset just past it, so that a reader can commit exactly up to the records it handed on.
 */
final class SegmentLines implements AutoCloseable {
    private static final int CHUNK = 64 * 1024;

    private final FileChannel channel;
    private final long limit;
    private long readPos;
    private byte[] buf = new byte[CHUNK];
    private int start;
    private int scanFrom;
    private int end;
    private long position;

    /** Lines of {@code file} from {@code offset}; bytes at or past {@code limit} are never read. */
    SegmentLines(Path file, long offset, long limit) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.limit = limit;
        this.readPos = offset;
        this.position = offset;
    }

    /** The next complete line without its {@code '\n'}, or null when no complete line is left. */
    byte[] next() throws IOException {
        while (true) {
            for (int i = scanFrom; i < end; i++) {
                if (buf[i] == '\n') {
                    byte[] line = Arrays.copyOfRange(buf, start, i);
                    position += i + 1 - start;
                    start = i + 1;
                    scanFrom = start;
                    return line;
                }
            }
            scanFrom = end;
            if (!fill()) {
                return null;
            }
        }
    }

    /** The offset just past the last line returned. */
    long position() {
        return position;
    }

    /** After {@link #next} returned null: true when bytes without a line end follow (a torn line). */
    boolean hasPartialTail() {
        return end > start;
    }

    private boolean fill() throws IOException {
        if (readPos >= limit) {
            return false;
        }
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            scanFrom -= start;
            start = 0;
        }
        if (end == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2); // one line longer than a chunk: a large captured body
        }
        int want = (int) Math.min(buf.length - end, limit - readPos);
        int n = channel.read(ByteBuffer.wrap(buf, end, want), readPos);
        if (n <= 0) {
            return false;
        }
        readPos += n;
        end += n;
        return true;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /**
     * Counts the line ends of {@code file} from {@code offset} without decoding anything (startup scan).
     *
     * @return the count and the offset just past the last line end ({@code offset} when there is none)
     */
    static Count count(Path file, long offset) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
            long pos = offset;
            long lines = 0;
            long lastEnd = offset;
            int n;
            while ((n = ch.read(chunk.clear(), pos)) > 0) {
                byte[] a = chunk.array();
                for (int i = 0; i < n; i++) {
                    if (a[i] == '\n') {
                        lines++;
                        lastEnd = pos + i + 1;
                    }
                }
                pos += n;
            }
            return new Count(lines, lastEnd, pos);
        }
    }

    /** What {@link #count} found: line ends, the offset past the last one, and the file's size. */
    record Count(long lines, long endOfLastLine, long size) {
    }
}
