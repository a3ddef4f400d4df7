package io.tapline.proxy.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A place in the spool: a segment's sequence number and a byte offset inside it, always at a line boundary.
 * The committed read position is kept in a small file so that replay resumes where it stopped after a crash.
 */
record SpoolPosition(long segment, long offset) implements Comparable<SpoolPosition> {

    @Override
    public int compareTo(SpoolPosition o) {
        int c = Long.compare(segment, o.segment);
        return c != 0 ? c : Long.compare(offset, o.offset);
    }

    /** Writes this position to {@code file} atomically: a reader sees the old position or the new one, never half. */
    void save(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        byte[] text = (segment + " " + offset + "\n").getBytes(StandardCharsets.US_ASCII);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(text));
            // Without this a power loss after the rename can leave an empty file (delayed allocation).
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The position saved in {@code file}; empty when there is none; throws when it is unreadable. */
    static Optional<SpoolPosition> load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        String[] parts = text.split(" ");
        try {
            if (parts.length != 2) {
                throw new NumberFormatException(text);
            }
            SpoolPosition p = new SpoolPosition(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            if (p.segment < 0 || p.offset < 0) {
                throw new NumberFormatException(text);
            }
            return Optional.of(p);
        } catch (NumberFormatException e) {
            throw new IOException("not a spool position: '" + text + "' in " + file, e);
        }
    }
}
