package io.tapline.schema;

import com.fasterxml.jackson.core.io.SerializedString;

import java.nio.charset.StandardCharsets;

/**
 * Writes a record's ECS document as JSON bytes without a Jackson generator, when every text in it is ASCII and
 * every value a string, a whole number or a boolean: the proxy's request and response records nearly always are.
 * The bytes are exactly those {@link EcsJsonWriter} writes through a default Jackson generator (same keys, same
 * order, same escapes: each ASCII character's escape is the one {@link JsonStringBytes} read off Jackson). Any other
 * record is left to {@link EcsJsonWriter}: {@link #write} returns false with the buffer as it was.
 * <p>
 * Why: the proxy's file and Logstash sinks encode two records per proxied exchange on the same cores as the
 * traffic, and Jackson's general path (a state check and a char copy per token) was most of the sink's CPU.
 */
public final class EcsAsciiWriter {
    /**
     * Per ASCII character: null when written as is, else the escape a default generator writes for it (from
     * {@link JsonStringBytes}, which read them off Jackson); all null when that failed, and then nothing is written here.
     */
    private static final byte[][] ESCAPES = new byte[128][];
    private static final boolean ESCAPES_KNOWN;
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);
    /** "00" to "99": the two digits of {@code n} at {@code 2n} and {@code 2n + 1}. */
    private static final byte[] DIGIT_PAIRS = new byte[200];

    static {
        for (int n = 0; n < 100; n++) {
            DIGIT_PAIRS[2 * n] = (byte) ('0' + n / 10);
            DIGIT_PAIRS[2 * n + 1] = (byte) ('0' + n % 10);
        }
        boolean known = true;
        for (char c = 0; c < 128; c++) {
            byte[] written = JsonStringBytes.writtenAscii(c);
            known &= written != null;
            ESCAPES[c] = written == null || written.length == 1 && written[0] == c ? null : written;
        }
        ESCAPES_KNOWN = known;
    }

    /** {@code "key":} of each leaf and each object of the layout, written once. */
    private static final byte[][] LEAF_KEYS = keys(EcsJsonWriter.leafCount(), EcsJsonWriter::leafName);
    private static final byte[][] OBJECT_KEYS = keys(EcsJsonWriter.objectCount(), id -> EcsJsonWriter.objectName(-1 - id));

    private EcsAsciiWriter() {
    }

    /**
     * Appends the ECS document of {@code record} to {@code out} and returns true, or returns false and leaves
     * {@code out} as it was when the record holds a text that is not ASCII or a value other than a string, a whole
     * number or a boolean (the enrichment map, headers whose names need merging).
     *
     * @throws ArithmeticException as {@link EcsJsonWriter#write}, for a duration too large for nanoseconds
     */
    public static boolean write(LogRecord record, JsonLineBuffer out) {
        if (!ESCAPES_KNOWN) {
            return false;
        }
        Object[] values = EcsJsonWriter.leafValues(record, out);
        int start = out.size();
        if (document(values, out)) {
            return true;
        }
        out.truncate(start);
        return false;
    }

    private static boolean document(Object[] values, JsonLineBuffer out) {
        int[] plan = out.plan(EcsJsonWriter.present(values));
        out.ensure(1);
        out.put((byte) '{');
        boolean comma = false;
        for (int step : plan) {
            if (step == EcsJsonWriter.END_OBJECT) {
                out.ensure(1);
                out.put((byte) '}');
                comma = true;
                continue;
            }
            if (comma) {
                out.ensure(1);
                out.put((byte) ',');
            }
            if (step >= 0) {
                raw(out, LEAF_KEYS[step]);
                if (!value(out, values[step])) {
                    return false;
                }
                comma = true;
            } else {
                raw(out, OBJECT_KEYS[-1 - step]);
                out.ensure(1);
                out.put((byte) '{');
                comma = false;
            }
        }
        out.ensure(1);
        out.put((byte) '}');
        return true;
    }

    private static boolean value(JsonLineBuffer out, Object value) {
        if (value instanceof String s) {
            return string(out, s);
        } else if (value instanceof SerializedString s) {
            return string(out, s.getValue());
        } else if (value instanceof Long l) {
            number(out, l);
            return true;
        } else if (value instanceof Integer i) {
            number(out, i);
            return true;
        } else if (value instanceof Boolean b) {
            raw(out, b ? TRUE : FALSE);
            return true;
        } else if (value instanceof EcsJsonWriter.SortedHeaders h) {
            return headers(out, h);
        }
        return false; // maps, lists, decimals: Jackson's
    }

    private static boolean headers(JsonLineBuffer out, EcsJsonWriter.SortedHeaders headers) {
        out.ensure(1);
        out.put((byte) '{');
        String[] names = headers.names();
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                out.ensure(1);
                out.put((byte) ',');
            }
            if (!string(out, names[i])) {
                return false;
            }
            out.ensure(1);
            out.put((byte) ':');
            if (!string(out, (String) headers.values().get(names[i]))) {
                return false;
            }
        }
        out.ensure(1);
        out.put((byte) '}');
        return true;
    }

    /** Writes {@code s} quoted and escaped; false at its first character that is not ASCII. */
    static boolean string(JsonLineBuffer out, String s) {
        int n = s.length();
        out.ensure(n + 2);
        byte[] b = out.buf;
        int at = out.count;
        b[at++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return false;
            }
            byte[] escape = ESCAPES[c];
            if (escape == null) {
                b[at++] = (byte) c;
                continue;
            }
            out.count = at;
            out.ensure(escape.length + n - i); // this escape, the characters after it and the closing quote
            b = out.buf;
            System.arraycopy(escape, 0, b, at, escape.length);
            at += escape.length;
        }
        b[at++] = '"';
        out.count = at;
        return true;
    }

    /**
     * Writes {@code v} as {@link Long#toString} would. Two digits per division: a record's id has 19 digits, and
     * a digit at a time (two long divisions each, to count and to write) was a third of the sink thread's samples.
     */
    static void number(JsonLineBuffer out, long v) {
        if (v == Long.MIN_VALUE) {
            raw(out, MIN_LONG);
            return;
        }
        out.ensure(20);
        byte[] b = out.buf;
        int at = out.count;
        if (v < 0) {
            b[at++] = '-';
            v = -v;
        }
        int end = at + digits(v);
        int i = end;
        while (v >= 100) {
            int pair = (int) (v % 100) << 1;
            v /= 100;
            b[--i] = DIGIT_PAIRS[pair + 1];
            b[--i] = DIGIT_PAIRS[pair];
        }
        if (v >= 10) {
            int pair = (int) v << 1;
            b[--i] = DIGIT_PAIRS[pair + 1];
            b[--i] = DIGIT_PAIRS[pair];
        } else {
            b[--i] = (byte) ('0' + v);
        }
        out.count = end;
    }

    /** Decimal digits of {@code v >= 0}. */
    static int digits(long v) {
        long limit = 10;
        for (int d = 1; d < 19; d++) {
            if (v < limit) {
                return d;
            }
            limit *= 10;
        }
        return 19;
    }

    private static void raw(JsonLineBuffer out, byte[] bytes) {
        out.ensure(bytes.length);
        System.arraycopy(bytes, 0, out.buf, out.count, bytes.length);
        out.count += bytes.length;
    }

    private static byte[][] keys(int count, java.util.function.IntFunction<SerializedString> name) {
        byte[][] keys = new byte[count][];
        for (int i = 0; i < count; i++) {
            JsonLineBuffer key = new JsonLineBuffer(32);
            if (!string(key, name.apply(i).getValue())) {
                throw new IllegalStateException("ECS key " + name.apply(i) + " is not ASCII");
            }
            key.write(':');
            keys[i] = java.util.Arrays.copyOf(key.array(), key.size());
        }
        return keys;
    }
}
