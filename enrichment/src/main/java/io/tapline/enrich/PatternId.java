package io.tapline.enrich;

import java.nio.charset.StandardCharsets;

/**
 * The stable id of a message pattern: {@code p_} and the 64-bit FNV-1a hash of its UTF-8 bytes in 16 lower-case
 * hex digits. The algorithm is fixed forever: stored documents and saved searches refer to these ids, so a
 * different hash would split every pattern's history in two.
 */
final class PatternId {
    private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private PatternId() {
    }

    static String of(String pattern) {
        return "p_" + hex(fnv1a64(pattern.getBytes(StandardCharsets.UTF_8)));
    }

    static long fnv1a64(byte[] bytes) {
        long hash = OFFSET_BASIS;
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= PRIME;
        }
        return hash;
    }

    private static String hex(long value) {
        String digits = Long.toHexString(value);
        StringBuilder out = new StringBuilder(16);
        for (int i = digits.length(); i < 16; i++) {
            out.append('0');
        }
        return out.append(digits).toString();
    }
}
