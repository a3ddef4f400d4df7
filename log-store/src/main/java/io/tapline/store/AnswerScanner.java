package io.tapline.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a search answer's bytes without a JSON parser: the total, the last hit's sort values, and each hit's
 * {@code _source} as a range of bytes for a {@link DocumentReader} (which reads it straight from there). It reads
 * what {@link RawSearch} reads with Jackson, as Elasticsearch writes it (member names unescaped; any whitespace),
 * and skips everything else value by value. The bytes may still be arriving ({@link Feed}): a document's range is
 * handed over once all of it is there.
 */
public final class AnswerScanner extends AnswerBytes {
    private static final byte[] HITS = bytes("hits");
    private static final byte[] TOTAL = bytes("total");
    private static final byte[] VALUE = bytes("value");
    private static final byte[] SOURCE = bytes("_source");
    private static final byte[] SORT = bytes("sort");
    private static final byte[] INDEX = bytes("_index");
    private static final byte[] ID = bytes("_id");
    private static final byte[] FIELDS = bytes("fields");
    private static final byte[] ENTRY = bytes(io.tapline.schema.StoredEntry.FIELD);

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

    /**
     * Reads each hit once all its members are read, from the ranges of the few it needs: for answers that carry
     * a {@link io.tapline.schema.StoredEntry} in {@code fields}, and for documents fetched again by id.
     */
    @FunctionalInterface
    public interface HitReader {
        void hit(byte[] answer, HitRanges hit) throws IOException;
    }

    /** Where one hit's members lie in the answer; each -1 when the hit has no such member. */
    public static final class HitRanges {
        /** The contents (no quotes) of the {@code _index} and {@code _id} strings. */
        public int indexStart, indexEnd, idStart, idEnd;
        /** The {@code _source} object. */
        public int sourceStart, sourceEnd;
        /** The contents of the first string of {@code fields.tapline_entry} (base64: no escapes). */
        public int entryStart, entryEnd;

        void clear() {
            indexStart = indexEnd = idStart = idEnd = sourceStart = sourceEnd = entryStart = entryEnd = -1;
        }
    }

    /** The sort values of the last hit that had them ({@link #sortCount} of them; -1: none yet). */
    private long[] sort = new long[4];
    private int sortCount = -1;

    private AnswerScanner(Feed feed) {
        super(feed);
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

    /** Reads the answer, handing every hit to {@code reader} in order. */
    static RawSearch.Hits read(Feed feed, HitReader reader) throws IOException {
        return new AnswerScanner(feed).answer(null, reader);
    }

    /** Reads a complete answer, handing every hit to {@code reader} in order. */
    public static RawSearch.Hits read(byte[] answer, HitReader reader) throws IOException {
        return read(whole(answer), reader);
    }

    private RawSearch.Hits answer(DocumentReader reader) throws IOException {
        return answer(reader, null);
    }

    private RawSearch.Hits answer(DocumentReader reader, HitReader hitReader) throws IOException {
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
                        hits(reader, hitReader, count);
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

    private void hits(DocumentReader reader, HitReader hitReader, int[] count) throws IOException {
        HitRanges ranges = new HitRanges();
        elements(() -> {
            expect('{');
            count[0]++;
            ranges.clear();
            members(key -> {
                if (hitReader != null && hitMember(key, ranges)) {
                    return;
                }
                if (is(key, SOURCE) && peek() == '{' && reader != null) {
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
            if (hitReader != null) {
                hitReader.hit(b, ranges);
            }
        });
    }

    /** Reads the member at {@code key} into {@code ranges} when it is one a {@link HitReader} gets; else false. */
    private boolean hitMember(int key, HitRanges ranges) throws IOException {
        if (is(key, INDEX) && peek() == '"') {
            ranges.indexStart = pos + 1;
            skipString();
            ranges.indexEnd = pos - 1;
        } else if (is(key, ID) && peek() == '"') {
            ranges.idStart = pos + 1;
            skipString();
            ranges.idEnd = pos - 1;
        } else if (is(key, SOURCE) && peek() == '{') {
            ranges.sourceStart = pos;
            skipValue();
            ranges.sourceEnd = pos;
        } else if (is(key, FIELDS) && peek() == '{') {
            expect('{');
            members(field -> {
                if (is(field, ENTRY) && peek() == '[') {
                    // a stored field holds one value: the first string is the entry, anything else is skipped
                    elements(() -> {
                        if (ranges.entryStart < 0 && peek() == '"') {
                            ranges.entryStart = pos + 1;
                            skipString();
                            ranges.entryEnd = pos - 1;
                        } else {
                            skipValue();
                        }
                    });
                } else {
                    skipValue();
                }
            });
        } else {
            return false;
        }
        return true;
    }
}
