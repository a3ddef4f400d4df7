package io.tapline.proxy.spool;

import java.nio.file.Path;

/** One spool segment file, {@code spool-<16-digit seq>.ndjson}, and its size on disk as the spool knows it. */
final class Segment {
    final long seq;
    final Path path;
    long size;

    Segment(long seq, Path path, long size) {
        this.seq = seq;
        this.path = path;
        this.size = size;
    }

    static String fileName(long seq) {
        return String.format("spool-%016d.ndjson", seq);
    }
}
