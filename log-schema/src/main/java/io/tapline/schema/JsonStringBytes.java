package io.tapline.schema;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Tells whether the raw bytes of a JSON string (between its quotes) are exactly what a default Jackson generator
 * writes for the text they stand for. When they are, copying them is the same as decoding them and writing the
 * text again, which is what {@link ByteEntry} relies on. Jackson's escapes are not assumed: they are read off a
 * default generator once (each ASCII character written alone), and non-ASCII text must come out as its UTF-8
 * bytes, or the byte path is switched off ({@link #ENABLED}).
 */
final class JsonStringBytes {
    /** For each ASCII character: the bytes a default generator writes for it inside a string. */
    private static final byte[][] WRITTEN = new byte[128][];
    /** True when a default generator writes non-ASCII text of the basic plane as plain UTF-8 (checked on samples). */
    static final boolean ENABLED;
    /**
     * True when it writes characters beyond the basic plane as their 4-byte UTF-8 too; Jackson 2.18 writes them as
     * two {@code \\u} escapes, so such strings go to the general reader.
     */
    private static final boolean SUPPLEMENTARY_AS_UTF8;
    /**
     * True when exactly the control characters, the quote and the backslash are what Jackson escapes among ASCII:
     * then eight bytes at a time can be checked for all of them at once (see {@link #special}).
     */
    static final boolean WORDS;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    static {
        boolean ok;
        boolean supplementary;
        try {
            for (char c = 0; c < 128; c++) {
                WRITTEN[c] = written(String.valueOf(c));
            }
            String sample = "\u00e9\u07ff\u0800\u2028\u2029\ud7ff\ue000\uffff";
            ok = Arrays.equals(written(sample), sample.getBytes(StandardCharsets.UTF_8));
            String beyond = "\ud83d\ude00";
            supplementary = Arrays.equals(written(beyond), beyond.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            ok = false;
            supplementary = false;
        }
        ENABLED = ok;
        SUPPLEMENTARY_AS_UTF8 = supplementary;
        boolean words = ok;
        for (char c = 0; c < 128 && ok; c++) {
            words &= (WRITTEN[c].length != 1) == (c < 0x20 || c == '"' || c == '\\');
        }
        WORDS = words;
    }

    private JsonStringBytes() {
    }

    /** The eight bytes at {@code i} as a little-endian long (the first byte lowest); {@code i + 8} must be in range. */
    static long word(byte[] b, int i) {
        return (long) LONGS.get(b, i);
    }

    /**
     * The bytes a default generator writes inside a string for the ASCII character {@code c} (the character itself
     * when it needs no escape), read off Jackson at start-up; null if that failed. The caller must not change them.
     */
    static byte[] writtenAscii(char c) {
        return WRITTEN[c];
    }

    private static byte[] written(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator gen = new ObjectMapper().createGenerator(out)) {
            gen.writeString(text);
        }
        byte[] quoted = out.toByteArray();
        return Arrays.copyOfRange(quoted, 1, quoted.length - 1);
    }

    /**
     * Where the string starting at {@code from} (just past its opening quote) ends: the index of its closing quote,
     * or -1 when its bytes are not exactly what a default generator writes (an escape it does not use, a character
     * it escapes left plain, malformed or overlong UTF-8, an encoded surrogate) or it runs past {@code limit}.
     */
    static int end(byte[] b, int from, int limit) {
        int i = from;
        while (true) {
            if (WORDS) {
                // eight plain bytes at a time; the first byte to look at is the lowest one flagged (exact there)
                while (i + 8 <= limit) {
                    long flagged = special((long) LONGS.get(b, i));
                    if (flagged != 0) {
                        i += Long.numberOfTrailingZeros(flagged) >>> 3;
                        break;
                    }
                    i += 8;
                }
            }
            if (i >= limit) {
                return -1;
            }
            int c = b[i];
            if (c >= 0) {
                if (c == '"') {
                    return i;
                }
                if (c == '\\') {
                    i = escape(b, i, limit);
                    if (i < 0) {
                        return -1;
                    }
                    continue;
                }
                if (WRITTEN[c].length != 1) {
                    return -1; // Jackson escapes it: plain here, so not its output
                }
                i++;
            } else {
                i = utf8(b, i, limit);
                if (i < 0) {
                    return -1;
                }
            }
        }
    }

    /**
     * Nonzero when one of the eight bytes (little-endian) is non-ASCII, a control character, a quote or a backslash
     * (the classic "has a byte less than n" and "has a zero byte" tests). A borrow can flag a byte above a flagged
     * one, never one below it: the lowest flag is the first such byte.
     */
    static long special(long w) {
        long quote = w ^ 0x2222222222222222L;
        long backslash = w ^ 0x5c5c5c5c5c5c5c5cL;
        return w & HIGHS
                | (w - 0x20 * ONES) & ~w & HIGHS
                | (quote - ONES) & ~quote & HIGHS
                | (backslash - ONES) & ~backslash & HIGHS;
    }

    /** Past the escape at {@code at} when it is the one Jackson writes for the ASCII character it stands for. */
    private static int escape(byte[] b, int at, int limit) {
        if (at + 1 >= limit) {
            return -1;
        }
        int c;
        int length;
        switch (b[at + 1]) {
            case '"' -> { c = '"'; length = 2; }
            case '\\' -> { c = '\\'; length = 2; }
            case '/' -> { c = '/'; length = 2; }
            case 'b' -> { c = '\b'; length = 2; }
            case 'f' -> { c = '\f'; length = 2; }
            case 'n' -> { c = '\n'; length = 2; }
            case 'r' -> { c = '\r'; length = 2; }
            case 't' -> { c = '\t'; length = 2; }
            case 'u' -> {
                if (at + 6 > limit) {
                    return -1;
                }
                c = 0;
                for (int k = at + 2; k < at + 6; k++) {
                    int h = Character.digit(b[k], 16);
                    if (h < 0) {
                        return -1;
                    }
                    c = c * 16 + h;
                }
                length = 6;
            }
            default -> {
                return -1;
            }
        }
        if (c >= 128) {
            return -1; // Jackson writes non-ASCII text as UTF-8, never escaped
        }
        byte[] expected = WRITTEN[c];
        if (expected.length != length) {
            return -1;
        }
        for (int k = 0; k < length; k++) {
            if (b[at + k] != expected[k]) {
                return -1;
            }
        }
        return at + length;
    }

    /** Past the well-formed, shortest UTF-8 sequence of a scalar value at {@code at}, or -1. */
    private static int utf8(byte[] b, int at, int limit) {
        int lead = b[at] & 0xff;
        int length;
        int min;
        if (lead >= 0xc2 && lead <= 0xdf) {
            length = 2;
            min = 0x80;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            length = 3;
            min = 0x800;
        } else if (lead >= 0xf0 && lead <= 0xf4 && SUPPLEMENTARY_AS_UTF8) {
            length = 4;
            min = 0x10000;
        } else {
            return -1;
        }
        if (at + length > limit) {
            return -1;
        }
        int cp = lead & (0xff >> (length + 1));
        for (int k = 1; k < length; k++) {
            int next = b[at + k] & 0xff;
            if ((next & 0xc0) != 0x80) {
                return -1;
            }
            cp = cp << 6 | next & 0x3f;
        }
        if (cp < min || cp > 0x10ffff || cp >= 0xd800 && cp <= 0xdfff) {
            return -1;
        }
        return at + length;
    }
}
