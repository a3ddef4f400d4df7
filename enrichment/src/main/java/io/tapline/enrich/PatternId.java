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
        return format(isAscii(pattern) ? fnv1a64(pattern) : fnv1a64(pattern.getBytes(StandardCharsets.UTF_8)));
    }

    static long fnv1a64(byte[] bytes) {
        long hash = OFFSET_BASIS;
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= PRIME;
        }
        return hash;
    }

    /** The same hash for ASCII text, whose chars are its UTF-8 bytes, without encoding it first. */
    private static long fnv1a64(String ascii) {
        long hash = OFFSET_BASIS;
        for (int i = 0; i < ascii.length(); i++) {
            hash ^= ascii.charAt(i);
            hash *= PRIME;
        }
        return hash;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
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
