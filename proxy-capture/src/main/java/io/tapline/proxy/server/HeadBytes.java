package io.tapline.proxy.server;

import java.nio.charset.StandardCharsets;

/**
 * Byte-level reading of an HTTP/1.x head held in an array, shared by the request and response head parsers: token
 * characters, case-insensitive name comparison, line ends, optional whitespace and Content-Length values. Plain
 * array loops: a head is read once per exchange, on the event loop.
 */
final class HeadBytes {
    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[Character.toUpperCase(c)] = true;
        }
    }

    private HeadBytes() {
    }

    /** True when {@code buf[from..to)} is a non-empty token (RFC 9110, 5.6.2): a valid header name or method. */
    static boolean isToken(byte[] buf, int from, int to) {
        if (to <= from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b < 0 || !TCHAR[b]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code buf[from..from+len)} is {@code lower} in any case ({@code lower} is lower-case ASCII). */
    static boolean nameIs(byte[] buf, int from, int len, byte[] lower) {
        if (len != lower.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            byte b = buf[from + i];
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != lower[i]) {
                return false;
            }
        }
        return true;
    }

    /** The end of a line's content: its LF at {@code lf}, less a CR before it. */
    static int contentEnd(byte[] buf, int ls, int lf) {
        return lf > ls && buf[lf - 1] == '\r' ? lf - 1 : lf;
    }

    static int indexOf(byte[] buf, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (buf[i] == value) {
                return i;
            }
        }
        return -1;
    }

    static boolean isOws(byte b) {
        return b == ' ' || b == '\t';
    }

    static int skipOws(byte[] buf, int i, int end) {
        while (i < end && isOws(buf[i])) {
            i++;
        }
        return i;
    }

    /** The end of {@code buf[from..to)} with trailing optional whitespace left out. */
    static int trimEnd(byte[] buf, int from, int to) {
        while (to > from && isOws(buf[to - 1])) {
            to--;
        }
        return to;
    }

    static String text(byte[] buf, int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A Content-Length value in {@code buf[vs..ve)}, combined with one {@code seen} before (-1: none). A list of
     * equal values ("42, 42") is one length (RFC 9110, 8.6); anything else that is not one number, or a number
     * other than {@code seen}, is an {@link IllegalArgumentException} whose message names the fault.
     */
    static long contentLength(byte[] buf, int vs, int ve, long seen) {
        long value = -1;
        int i = vs;
        while (true) {
            i = skipOws(buf, i, ve);
            long n = 0;
            int digits = 0;
            for (byte b; i < ve && (b = buf[i]) >= '0' && b <= '9'; i++) {
                if (++digits > 18) {
                    throw new IllegalArgumentException("Content-Length too large");
                }
                n = n * 10 + b - '0';
            }
            i = skipOws(buf, i, ve);
            if (digits == 0 || value >= 0 && value != n) {
                throw new IllegalArgumentException("invalid Content-Length");
            }
            value = n;
            if (i == ve) {
                break;
            }
            if (buf[i++] != ',') {
                throw new IllegalArgumentException("invalid Content-Length");
            }
        }
        if (seen >= 0 && seen != value) {
            throw new IllegalArgumentException("conflicting Content-Length headers");
        }
        return value;
    }
}
