package io.tapline.proxy.server;

import io.netty.util.AsciiString;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The trace identity of an exchange: a W3C {@code traceparent} and an {@code X-Request-Id}, each propagated
 * when the client sent a valid one and generated otherwise. Its {@link #traceId} pairs request and response.
 *
 * <p>Made on the event loop for every request, so it avoids what is slow there: ids come from
 * {@link ThreadLocalRandom} (no shared lock, unlike {@code UUID.randomUUID}'s {@code SecureRandom}; trace ids
 * need to be unique, not secret), are hex-encoded by hand, and headers are checked without regular expressions.
 *
 * <p>The forwarded headers are {@link AsciiString}s over the bytes made here: Netty checks and encodes those with
 * array loops instead of a {@code charAt} per character.
 *
 * @param traceId     the record's traceId: the W3C trace id (32 hex) of the exchange
 * @param traceparent the header forwarded upstream (same trace id, this hop's span id)
 * @param requestId   the X-Request-Id forwarded upstream
 */
record TraceContext(String traceId, CharSequence traceparent, CharSequence requestId) {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_REQUEST_ID = 128;

    static TraceContext from(String traceparent, String requestId) {
        // "00-" + 32 hex trace id + "-" + 16 hex span id + "-" + 2 hex flags
        byte[] out = new byte[55];
        String flags = null;
        if (traceparent != null) {
            flags = copyValidTraceId(traceparent.trim(), out);
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (flags == null) {
            long hi;
            long lo;
            do {
                hi = random.nextLong();
                lo = random.nextLong();
            } while (hi == 0 && lo == 0); // all zeros is the invalid trace id
            hex(hi, out, 3);
            hex(lo, out, 19);
            flags = "01";
        }
        out[0] = '0';
        out[1] = '0';
        out[2] = '-';
        out[35] = '-';
        hex(random.nextLong() | 1L, out, 36); // never the all-zero span id
        out[52] = '-';
        out[53] = (byte) flags.charAt(0);
        out[54] = (byte) flags.charAt(1);
        AsciiString header = new AsciiString(out, false);
        String traceId = new String(out, 3, 32, StandardCharsets.ISO_8859_1); // ASCII: a plain copy into Latin-1
        String rid = requestId == null ? null : requestId.trim();
        CharSequence forwardedId = rid != null && isValidRequestId(rid) ? rid : header.subSequence(3, 35, false);
        return new TraceContext(traceId, header, forwardedId);
    }

    /**
     * Copies a valid {@code traceparent}'s trace id (lower-cased) into {@code out} at 3 and returns its flags, or
     * returns null when the header is not a valid version-00 traceparent with non-zero trace and parent ids.
     */
    private static String copyValidTraceId(String h, byte[] out) {
        if (h.length() != 55 || h.charAt(0) != '0' || h.charAt(1) != '0' || h.charAt(2) != '-'
                || h.charAt(35) != '-' || h.charAt(52) != '-') {
            return null;
        }
        boolean traceNonZero = false;
        boolean parentNonZero = false;
        for (int i = 3; i < 55; i++) {
            if (i == 35 || i == 52) {
                continue;
            }
            int c = Character.toLowerCase(h.charAt(i));
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return null;
            }
            if (c != '0') {
                if (i < 35) {
                    traceNonZero = true;
                } else if (i < 52) {
                    parentNonZero = true;
                }
            }
            if (i < 35) {
                out[i] = (byte) c;
            }
        }
        if (!traceNonZero || !parentNonZero) {
            return null;
        }
        return new String(new char[] {Character.toLowerCase(h.charAt(53)), Character.toLowerCase(h.charAt(54))});
    }

    /** 1 to 128 characters of letters, digits and {@code ._:@/+=-}: safe to log and to forward. */
    private static boolean isValidRequestId(String s) {
        int n = s.length();
        if (n < 1 || n > MAX_REQUEST_ID) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '_' || c == ':' || c == '@' || c == '/' || c == '+' || c == '=' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Writes {@code v} as 16 lower-case hex digits at {@code at}. */
    private static void hex(long v, byte[] out, int at) {
        for (int i = 15; i >= 0; i--) {
            out[at + i] = HEX[(int) (v & 0xF)];
            v >>>= 4;
        }
    }
}
