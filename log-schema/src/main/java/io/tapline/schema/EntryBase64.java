package io.tapline.schema;

/**
 * Standard base64 (RFC 4648, with padding) over byte ranges, for {@link StoredEntry}: Elasticsearch takes a
 * {@code binary} field's value as base64 and gives it back in the same alphabet. {@code java.util.Base64} only
 * takes whole arrays, and a page decodes 200 ranges of one answer.
 */
final class EntryBase64 {
    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Each byte's 6-bit value, -1 where it is not in the alphabet. */
    private static final int[] VALUES = new int[256];

    static {
        java.util.Arrays.fill(VALUES, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = i;
        }
    }

    private EntryBase64() {
    }

    /** The length of {@code n} bytes in base64. */
    static int encodedLength(int n) {
        return (n + 2) / 3 * 4;
    }

    /** Writes {@code src[start, end)} as base64 at {@code dst[at]}; returns the position after it. */
    static int encode(byte[] src, int start, int end, byte[] dst, int at) {
        int i = start;
        for (; i + 3 <= end; i += 3) {
            int bits = (src[i] & 0xff) << 16 | (src[i + 1] & 0xff) << 8 | src[i + 2] & 0xff;
            dst[at++] = ALPHABET[bits >>> 18];
            dst[at++] = ALPHABET[bits >>> 12 & 0x3f];
            dst[at++] = ALPHABET[bits >>> 6 & 0x3f];
            dst[at++] = ALPHABET[bits & 0x3f];
        }
        int left = end - i;
        if (left > 0) {
            int bits = (src[i] & 0xff) << 16 | (left == 2 ? (src[i + 1] & 0xff) << 8 : 0);
            dst[at++] = ALPHABET[bits >>> 18];
            dst[at++] = ALPHABET[bits >>> 12 & 0x3f];
            dst[at++] = left == 2 ? ALPHABET[bits >>> 6 & 0x3f] : (byte) '=';
            dst[at++] = '=';
        }
        return at;
    }

    /**
     * Decodes the base64 text {@code src[start, end)} into {@code out}, after what it holds; false (and {@code out}
     * as it was) when the text is not padded base64 of the standard alphabet.
     */
    static boolean decode(byte[] src, int start, int end, EntryBytes out) {
        int length = end - start;
        if ((length & 3) != 0) {
            return false;
        }
        if (length == 0) {
            return true;
        }
        int pad = src[end - 1] == '=' ? src[end - 2] == '=' ? 2 : 1 : 0;
        int n = length / 4 * 3 - pad;
        byte[] dst = out.reserve(n + 2);
        int at = out.size();
        int full = end - (pad > 0 ? 4 : 0);
        int[] values = VALUES;
        for (int i = start; i < full; i += 4) {
            int bits = values[src[i] & 0xff] << 18 | values[src[i + 1] & 0xff] << 12
                    | values[src[i + 2] & 0xff] << 6 | values[src[i + 3] & 0xff];
            if (bits < 0) {
                return false; // a -1 sets the sign bit
            }
            dst[at++] = (byte) (bits >> 16);
            dst[at++] = (byte) (bits >> 8);
            dst[at++] = (byte) bits;
        }
        if (pad > 0) {
            int a = values[src[full] & 0xff], b = values[src[full + 1] & 0xff];
            int c = pad == 1 ? values[src[full + 2] & 0xff] : 0;
            if ((a | b | c) < 0) {
                return false;
            }
            int bits = a << 18 | b << 12 | c << 6;
            dst[at++] = (byte) (bits >> 16);
            if (pad == 1) {
                dst[at++] = (byte) (bits >> 8);
            }
        }
        out.advance(n);
        return true;
    }
}
