package io.tapline.store;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a search answer's bytes without a JSON parser: the total, the last hit's sort values, and each hit's
 * {@code _source} as a range of bytes for a {@link DocumentReader} (which reads it straight from there). It reads
 * what {@link RawSearch} reads with Jackson, as Elasticsearch writes it (member names unescaped; any whitespace),
 * and skips everything else value by value. The bytes may still be arriving ({@link Feed}): a document's range is
 * handed over once all of it is there.
 */
public final class AnswerScanner {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final byte[] HITS = bytes("hits");
    private static final byte[] TOTAL = bytes("total");
    private static final byte[] VALUE = bytes("value");
    private static final byte[] SOURCE = bytes("_source");
    private static final byte[] SORT = bytes("sort");

    /** The answer's bytes as they arrive. */
    interface Feed {
        /**
         * Waits until more than {@code have} bytes have arrived, and returns how many have; returns {@code have}
         * when the answer is complete with no more. Throws when it ended early.
         */
        int await(int have) throws IOException;

        /** An array holding every byte that arrived so far, from the first. */
        byte[] bytes();
    }

    /** Reads one hit's {@code _source}, the JSON object in {@code answer[start, end)}. */
    @FunctionalInterface
    public interface DocumentReader {
        void read(byte[] answer, int start, int end) throws IOException;

        /**
         * Reads the document at {@code start} if it can without knowing its end, which lies by {@code available}
         * if all of it has arrived: where it ends, or -1 to be given its exact range with {@link #read} instead.
         */
        default int readWithin(byte[] answer, int start, int available) throws IOException {
            return -1;
        }
    }

    private final Feed feed;
    private byte[] b;
    private int limit;
    private int pos;
    /** The sort values of the last hit that had them ({@link #sortCount} of them; -1: none yet). */
    private long[] sort = new long[4];
    private int sortCount = -1;

    private AnswerScanner(Feed feed) {
        this.feed = feed;
        this.b = feed.bytes();
    }

    /** A complete answer. */
    static Feed whole(byte[] answer) {
        return new Feed() {
            @Override
            public int await(int have) {
                return Math.max(have, answer.length);
            }

            @Override
            public byte[] bytes() {
                return answer;
            }
        };
    }

    /** Reads a complete answer, handing every hit's {@code _source} to {@code reader} in order. */
    public static RawSearch.Hits read(byte[] answer, DocumentReader reader) throws IOException {
        return read(whole(answer), reader);
    }

    /** Reads the answer, handing every hit's {@code _source} to {@code reader} in order. */
    static RawSearch.Hits read(Feed feed, DocumentReader reader) throws IOException {
        return new AnswerScanner(feed).answer(reader);
    }

    private RawSearch.Hits answer(DocumentReader reader) throws IOException {
        long[] total = {-1};
        int[] count = {0};
        ws();
        expect('{');
        members(key -> {
            if (is(key, HITS) && peek() == '{') {
                expect('{');
                members(inner -> {
                    if (is(inner, TOTAL) && peek() == '{') {
                        expect('{');
                        members(t -> {
                            if (is(t, VALUE)) {
                                total[0] = number();
                            } else {
                                skipValue();
                            }
                        });
                    } else if (is(inner, HITS) && peek() == '[') {
                        hits(reader, count);
                    } else {
                        skipValue();
                    }
                });
            } else {
                skipValue();
            }
        });
        List<Long> lastSort = null;
        if (sortCount >= 0) {
            lastSort = new ArrayList<>(sortCount);
            for (int i = 0; i < sortCount; i++) {
                lastSort.add(sort[i]);
            }
        }
        return new RawSearch.Hits(List.of(), lastSort, count[0], total[0]);
    }

    private void hits(DocumentReader reader, int[] count) throws IOException {
        elements(() -> {
            expect('{');
            count[0]++;
            members(key -> {
                if (is(key, SOURCE) && peek() == '{') {
                    int start = pos;
                    int end = reader.readWithin(b, start, limit);
                    if (end > start) {
                        pos = end; // read, and the end found, in one pass
                    } else {
                        skipValue();
                        reader.read(b, start, pos);
                    }
                } else if (is(key, SORT) && peek() == '[') {
                    // every hit's sort values are read (and checked); only the last hit's are kept, without boxing
                    sortCount = 0;
                    elements(() -> {
                        long value = number();
                        if (sortCount == sort.length) {
                            sort = java.util.Arrays.copyOf(sort, sortCount * 2);
                        }
                        sort[sortCount++] = value;
                    });
                } else {
                    skipValue();
                }
            });
        });
    }

    private interface Element {
        void value() throws IOException;
    }

    /** The elements of the array at the current position, up to and past its ']': each the callback's to read. */
    private void elements(Element element) throws IOException {
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

    private interface Member {
        void value(int keyStart) throws IOException;
    }

    /** The members of the object just opened, up to and past its '}': each key's value is the callback's to read. */
    private void members(Member member) throws IOException {
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
    private boolean is(int at, byte[] name) {
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

    private long number() throws IOException {
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
    private void skipValue() throws IOException {
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

    private void skipString() throws IOException {
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

    private void ws() throws IOException {
        while (true) {
            byte c = peekOrEnd();
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    private byte peek() throws IOException {
        if (pos >= limit) {
            fill();
        }
        return b[pos];
    }

    /** The next byte, or 0 at the answer's end. */
    private byte peekOrEnd() throws IOException {
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

    private byte next() throws IOException {
        byte c = peek();
        pos++;
        return c;
    }

    private void expect(char c) throws IOException {
        if (next() != c) {
            throw malformed();
        }
    }

    /** More bytes, or a failure: a reader that needs one more byte at the answer's end has a malformed answer. */
    private void fill() throws IOException {
        int more = feed.await(limit);
        if (more == limit) {
            throw new IOException("the search answer ends early, at byte " + limit);
        }
        limit = more;
        b = feed.bytes();
    }

    private IOException malformed() {
        return new IOException("unexpected search answer at byte " + (pos - 1));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
