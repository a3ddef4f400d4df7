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
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PatternId() {
    }

    static String of(String pattern) {
        long hash = OFFSET_BASIS;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c >= 0x80) {
                // Not ASCII: hash the UTF-8 bytes themselves. ASCII chars are their own UTF-8 bytes.
                return format(fnv1a64(pattern.getBytes(StandardCharsets.UTF_8)));
            }
            hash ^= c;
            hash *= PRIME;
        }
        return format(hash);
    }

    static long fnv1a64(byte[] bytes) {
        long hash = OFFSET_BASIS;
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= PRIME;
        }
        return hash;
    }

    /** {@code p_} and the 16 lower-case hex digits of the hash, leading zeros kept. */
    private static String format(long hash) {
        char[] id = new char[18];
        id[0] = 'p';
        id[1] = '_';
        for (int i = 17; i >= 2; i--) {
            id[i] = HEX[(int) (hash & 0xf)];
            hash >>>= 4;
        }
        return new String(id);
    }
}
