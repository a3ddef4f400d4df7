package io.tapline.proxy.sink;

import io.tapline.schema.LogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Appends records as NDJSON lines to {@code tapline-<yyyy-MM-dd>.ndjson} for Filebeat to ship, rolling to
 * {@code tapline-<date>.<n>.ndjson} when a file reaches its size cap and to a new date at UTC midnight, and keeping
 * only the newest files. Files are only ever appended to, never renamed or rewritten, as Filebeat expects.
 */
public final class RollingFileWriter implements BatchWriter {
    private static final Logger LOG = LoggerFactory.getLogger(RollingFileWriter.class);
    private static final Pattern NAME = Pattern.compile("tapline-(\\d{4}-\\d{2}-\\d{2})(?:\\.(\\d+))?\\.ndjson");

    private final Path dir;
    private final long maxFileBytes;
    private final int maxFiles;
    private final Clock clock;
    private final LineEncoder lines = new LineEncoder();
    private FileChannel out;
    private LocalDate day;
    private int index;
    private long size;

    /** Files of at most 100 MiB, the newest 10 kept, dated by the UTC system clock. */
    public RollingFileWriter(Path dir) {
        this(dir, 100L << 20, 10, Clock.systemUTC());
    }

    /**
     * @param maxFileBytes a file rolls before a line would take it past this size (a longer line gets its own file)
     * @param maxFiles     files kept; the oldest are deleted on each roll
     */
    public RollingFileWriter(Path dir, long maxFileBytes, int maxFiles, Clock clock) {
        if (maxFileBytes < 1 || maxFiles < 1) {
            throw new IllegalArgumentException("maxFileBytes and maxFiles must be >= 1");
        }
        this.dir = dir;
        this.maxFileBytes = maxFileBytes;
        this.maxFiles = maxFiles;
        this.clock = clock;
    }

    @Override
    public int write(List<LogRecord> batch) throws SinkUnavailableException {
        try {
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            if (out == null || !today.equals(day)) {
                openLatest(today);
            }
            lines.encode(batch);
            int from = 0;
            for (int i = 0; i < lines.lines(); i++) {
                int start = i == 0 ? 0 : lines.end(i - 1);
                long used = size + (start - from);
                if (used > 0 && used + (lines.end(i) - start) > maxFileBytes) {
                    append(from, start);
                    from = start;
                    openFile(day, index + 1);
                }
            }
            append(from, lines.size());
            return lines.refused();
        } catch (IOException e) {
            closeQuietly();
            throw new SinkUnavailableException("file sink " + dir + ": " + e, e);
        }
    }

    @Override
    public String describe() {
        return "file " + dir;
    }

    @Override
    public void close() {
        closeQuietly();
    }

    /** Continues today's newest file, so that a restart does not start a new one. */
    private void openLatest(LocalDate today) throws IOException {
        Files.createDirectories(dir);
        int latest = 0;
        for (Named f : listFiles()) {
            if (f.day.equals(today)) {
                latest = Math.max(latest, f.index);
            }
        }
        Path path = dir.resolve(name(today, latest));
        boolean full = Files.exists(path) && Files.size(path) >= maxFileBytes;
        openFile(today, full ? latest + 1 : latest);
    }

    private void openFile(LocalDate date, int n) throws IOException {
        closeQuietly();
        Path path = dir.resolve(name(date, n));
        out = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        day = date;
        index = n;
        size = out.size();
        deleteBeyondRetention(path);
    }

    private void append(int from, int to) throws IOException {
        ByteBuffer data = lines.slice(from, to);
        while (data.hasRemaining()) {
            size += out.write(data);
        }
    }

    private void deleteBeyondRetention(Path current) throws IOException {
        List<Named> files = listFiles();
        files.sort(Comparator.comparing((Named f) -> f.day).thenComparingInt(f -> f.index));
        for (int i = 0; i < files.size() - maxFiles; i++) {
            Path old = files.get(i).path;
            if (!old.equals(current)) {
                Files.deleteIfExists(old);
                LOG.debug("deleted {}: more than {} files kept", old, maxFiles);
            }
        }
    }

    private List<Named> listFiles() throws IOException {
        List<Named> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "tapline-*.ndjson")) {
            for (Path p : entries) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    int index = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
                    files.add(new Named(p, LocalDate.parse(m.group(1)), index));
                }
            }
        }
        return files;
    }

    static String name(LocalDate date, int n) {
        return n == 0 ? "tapline-" + date + ".ndjson" : "tapline-" + date + "." + n + ".ndjson";
    }

    private void closeQuietly() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // a failed close leaves nothing for us to do
            }
            out = null;
        }
    }

    private record Named(Path path, LocalDate day, int index) {
    }
}
