package io.tapline.store;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Walks a JSON answer's bytes without a parser, as Elasticsearch writes it (member names unescaped; any
 * whitespace), while they may still be arriving ({@link AnswerScanner.Feed}): the steps {@link AnswerScanner}
 * reads a search answer with.
 */
abstract class AnswerBytes {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private final AnswerScanner.Feed feed;
    /** Every byte that arrived so far, from the first, up to {@link #limit}. */
    byte[] b;
    int limit;
    int pos;

    AnswerBytes(AnswerScanner.Feed feed) {
        this.feed = feed;
        this.b = feed.bytes();
    }

    interface Element {
        void value() throws IOException;
    }

    /** The elements of the array at the current position, up to and past its ']': each the callback's to read. */
    final void elements(Element element) throws IOException {
        expect('[');
        ws();
        if (peek() == ']') {
            pos++;
            return;
        }
        while (true) {
            ws();
            element.value();
            ws();
            byte c = next();
            if (c == ']') {
                return;
            }
            if (c != ',') {
                throw malformed();
            }
        }
    }

    interface Member {
        void value(int keyStart) throws IOException;
    }

    /** The members of the object just opened, up to and past its '}': each key's value is the callback's to read. */
    final void members(Member member) throws IOException {
        ws();
        if (peek() == '}') {
            pos++;
            return;
        }
        while (true) {
            ws();
            int key = pos;
            skipString();
            ws();
            expect(':');
            ws();
            member.value(key);
            ws();
            byte c = next();
            if (c == '}') {
                return;
            }
            if (c != ',') {
                throw malformed();
            }
        }
    }

    /** True when the string at {@code at} (its opening quote) is exactly {@code name}. */
    final boolean is(int at, byte[] name) {
        if (at + name.length + 2 > limit || b[at + name.length + 1] != '"') {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (b[at + 1 + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    final long number() throws IOException {
        if (pos + 20 <= limit) {
            // Up to 18 digits (no overflow) and the byte after them have arrived: read without a check per byte.
            // Anything else (no digit, 19 digits or more) is read again below, with its checks and failures.
            boolean negative = b[pos] == '-';
            int first = negative ? pos + 1 : pos;
            int i = first;
            long value = 0;
            for (int d; i < first + 18 && (d = b[i] - '0') >= 0 && d <= 9; i++) {
                value = value * 10 + d;
            }
            if (i > first && (b[i] < '0' || b[i] > '9')) {
                pos = i;
                return negative ? -value : value;
            }
        }
        boolean negative = peek() == '-';
        if (negative) {
            pos++;
        }
        long value = 0;
        int digits = 0;
        while (true) {
            byte c = peek();
            if (c < '0' || c > '9') {
                break;
            }
            value = Math.addExact(Math.multiplyExact(value, 10), c - '0');
            pos++;
            digits++;
        }
        if (digits == 0) {
            throw malformed();
        }
        return negative ? -value : value;
    }

    /** Past the value at the current position, whatever it is. */
    final void skipValue() throws IOException {
        byte c = peek();
        if (c == '"') {
            skipString();
        } else if (c == '{' || c == '[') {
            int depth = 0;
            do {
                c = peek();
                if (c == '"') {
                    skipString();
                    continue;
                }
                if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    depth--;
                }
                pos++;
            } while (depth > 0);
        } else {
            // a number or a literal: up to the next delimiter
            int start = pos;
            while (true) {
                c = peekOrEnd();
                if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0) {
                    break;
                }
                pos++;
            }
            if (pos == start) {
                throw malformed();
            }
        }
    }

    final void skipString() throws IOException {
        expect('"');
        while (true) {
            // eight bytes at a time up to the first quote or backslash (the lowest byte flagged is one)
            while (pos + 8 <= limit) {
                long w = (long) LONGS.get(b, pos);
                long quote = w ^ 0x2222222222222222L;
                long backslash = w ^ 0x5c5c5c5c5c5c5c5cL;
                long flagged = ((quote - ONES) & ~quote | (backslash - ONES) & ~backslash) & HIGHS;
                if (flagged != 0) {
                    pos += Long.numberOfTrailingZeros(flagged) >>> 3;
                    break;
                }
                pos += 8;
            }
            if (pos >= limit) {
                fill();
            }
            byte c = b[pos++];
            if (c == '"') {
                return;
            }
            if (c == '\\') {
                if (pos >= limit) {
                    fill();
                }
                pos++;
            }
        }
    }

    final void ws() throws IOException {
        while (true) {
            byte c = peekOrEnd();
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    final byte peek() throws IOException {
        if (pos >= limit) {
            fill();
        }
        return b[pos];
    }

    /** The next byte, or 0 at the answer's end. */
    final byte peekOrEnd() throws IOException {
        if (pos >= limit) {
            int more = feed.await(limit);
            if (more == limit) {
                return 0;
            }
            limit = more;
            b = feed.bytes();
        }
        return b[pos];
    }

    final byte next() throws IOException {
        byte c = peek();
        pos++;
        return c;
    }

    final void expect(char c) throws IOException {
        if (next() != c) {
            throw malformed();
        }
    }

    /** More bytes, or a failure: a reader that needs one more byte at the answer's end has a malformed answer. */
    final void fill() throws IOException {
        int more = feed.await(limit);
        if (more == limit) {
            throw new IOException("the search answer ends early, at byte " + limit);
        }
        limit = more;
        b = feed.bytes();
    }

    final IOException malformed() {
        return new IOException("unexpected search answer at byte " + (pos - 1));
    }

    static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
