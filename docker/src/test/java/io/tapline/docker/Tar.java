package io.tapline.docker;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Enough of a ustar reader to open a RubyGems .gem (a tar holding metadata.gz and data.tar.gz). */
final class Tar {
    private static final int BLOCK = 512;

    private Tar() {
    }

    /** Regular files by path. */
    static Map<String, byte[]> files(byte[] tar) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        int at = 0;
        while (at + BLOCK <= tar.length && tar[at] != 0) {
            String name = text(tar, at, 100);
            String prefix = text(tar, at + 345, 155);
            long size = Long.parseLong(text(tar, at + 124, 12).trim(), 8);
            char type = (char) tar[at + 156];
            int start = at + BLOCK;
            if (type == '0' || type == 0) {
                byte[] content = new byte[Math.toIntExact(size)];
                System.arraycopy(tar, start, content, 0, content.length);
                files.put(prefix.isEmpty() ? name : prefix + "/" + name, content);
            }
            at = start + (int) ((size + BLOCK - 1) / BLOCK) * BLOCK;
        }
        return files;
    }

    static byte[] gunzip(byte[] gz) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(byte[] block, int offset, int length) {
        int end = offset;
        while (end < offset + length && block[end] != 0) {
            end++;
        }
        return new String(block, offset, end - offset, StandardCharsets.US_ASCII);
    }
}
