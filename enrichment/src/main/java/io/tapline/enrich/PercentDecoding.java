package io.tapline.enrich;

import java.nio.charset.StandardCharsets;

/**
 * One tolerant pass of percent-decoding, for matching rather than for display: malformed escapes stay as they
 * are and bytes that are not UTF-8 become U+FFFD, so any input decodes in linear time and never throws.
 */
final class PercentDecoding {
    private PercentDecoding() {
    }

    /** Decodes {@code %XX} escapes once; with {@code plusIsSpace} also {@code +} (query strings, forms). */
    static String decode(String s, boolean plusIsSpace) {
        if (s == null || (s.indexOf('%') < 0 && (!plusIsSpace || s.indexOf('+') < 0))) {
            return s;
        }
        int n = s.length();
        byte[] bytes = new byte[n * 3];
        int len = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            int hi = c == '%' && i + 2 < n ? hex(s.charAt(i + 1)) : -1;
            int lo = hi >= 0 ? hex(s.charAt(i + 2)) : -1;
            if (lo >= 0) {
                bytes[len++] = (byte) (hi * 16 + lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes[len++] = ' ';
            } else if (c < 0x80) {
                bytes[len++] = (byte) c;
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))
                        ? i + 2 : i + 1;
                byte[] utf8 = s.substring(i, end).getBytes(StandardCharsets.UTF_8); // a lone surrogate becomes '?'
                System.arraycopy(utf8, 0, bytes, len, utf8.length);
                len += utf8.length;
                i = end - 1;
            }
        }
        return new String(bytes, 0, len, StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return c < 128 ? Character.digit(c, 16) : -1;
    }
}
