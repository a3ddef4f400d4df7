package io.tapline.schema;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The byte-level fast path ({@link ApiEntryTranscoder#read(byte[], int, int)}, {@link ByteEntry}) against the
 * general reader ({@link ApiEntryTranscoder#read(com.fasterxml.jackson.core.JsonParser)}): the same entry bytes or
 * the same refusal for every document, with the documents side by side in one buffer as in a search answer, and for
 * strings of every kind Jackson can meet (escapes it writes and escapes it does not, non-ASCII, broken UTF-8).
 */
class ByteEntryTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** JSON string literals (as raw bytes between quotes) to put where the message is. */
    private static final String[] STRINGS = {"plain", "", "tab\\there", "q\\\"uote", "back\\\\slash", "sl/ash",
            "sl\\/ash", "\\u0001", "\\u001F", "\\u001f", "\\u0041", "\\u00e9", "caf\u00e9", "\u2028", "\ud83d\ude00",
            "\\ud83d\\ude00", "\\n\\r\\b\\f", "\\u000a", "\\x", "\\u12", "\u007f", "a\\u0000b"};

    @Test
    void theStoresOwnLayoutIsReadFromItsBytes() throws IOException {
        assertThat(ByteEntry.ENABLED).as("Jackson writes strings as checked").isTrue();
        for (LogRecord record : List.of(SampleRecords.full(), SampleRecords.minimal())) {
            byte[] document = CanonicalEntryTest.stored(record);
            ApiEntryTranscoder transcoder = new ApiEntryTranscoder();
            transcoder.read(document, 0, document.length);
            assertThat(transcoder.readFromBytes()).as("byte path for %s", record).isTrue();
            assertThat(transcoder.id()).isEqualTo(record.id());
            assertThat(transcoder.projectId()).isEqualTo(record.projectId());
        }
    }

    @Test
    void randomRecordsAsStoredGiveTheGeneralReadersBytes() throws IOException {
        List<byte[]> documents = new ArrayList<>();
        for (LogRecord record : new RandomRecords(43).next(4_000)) {
            documents.add(CanonicalEntryTest.stored(record));
        }
        int[] counts = assertSameInOneBuffer(documents);
        // fewer than the Jackson fast path takes: emoji (Jackson escapes them), decimals and nulls in enrichment
        // go to Jackson on purpose; the random records are full of them
        assertThat(counts[0]).isGreaterThan(documents.size() / 8);
    }

    @Test
    void hostileDocumentsGiveTheGeneralReadersBytesOrRefusal() throws IOException {
        Random random = new Random(47);
        List<byte[]> documents = new ArrayList<>();
        for (LogRecord record : new RandomRecords(53).next(300)) {
            Map<String, Object> document = EcsCodec.toDocument(record);
            for (int i = 0; i < 12; i++) {
                documents.add(CanonicalEntryTest.mutate(document, random).getBytes(StandardCharsets.UTF_8));
            }
        }
        int[] counts = assertSameInOneBuffer(documents);
        assertThat(counts[0]).isGreaterThan(50);
        assertThat(counts[1]).isGreaterThan(100);
        assertThat(counts[2]).isGreaterThan(100);
    }

    @Test
    void everyKindOfStringGivesTheGeneralReadersBytes() throws IOException {
        String base = new String(CanonicalEntryTest.stored(SampleRecords.full()), StandardCharsets.UTF_8);
        List<byte[]> documents = new ArrayList<>();
        for (String literal : STRINGS) {
            // in a plain string, a header value and name, an enrichment value and name, the project id
            documents.add(base.replaceFirst("\"message\":\"[^\"]*\"", "\"message\":\"" + quoteReplacement(literal) + "\"")
                    .getBytes(StandardCharsets.UTF_8));
            documents.add(base.replaceFirst("\"headers\":\\{", "\"headers\":{\"0\":\"" + quoteReplacement(literal) + "\",")
                    .getBytes(StandardCharsets.UTF_8));
            documents.add(base.replaceFirst("\"headers\":\\{", "\"headers\":{\"" + quoteReplacement(literal) + "\":\"x\",")
                    .getBytes(StandardCharsets.UTF_8));
            documents.add(base.replaceFirst("\"enrichment\":\\{", "\"enrichment\":{\"" + quoteReplacement(literal)
                    + "\":\"" + quoteReplacement(literal) + "\",").getBytes(StandardCharsets.UTF_8));
            documents.add(base.replaceFirst("\"project_id\":\"[^\"]*\"", "\"project_id\":\"" + quoteReplacement(literal)
                    + "\"").getBytes(StandardCharsets.UTF_8));
        }
        // broken and odd UTF-8: a lone continuation byte, an overlong slash, an encoded surrogate, a cut sequence
        for (byte[] odd : new byte[][]{{(byte) 0x80}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                {(byte) 0xe2, (byte) 0x82}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xc3, (byte) 0xa9}}) {
            byte[] document = base.replaceFirst("\"message\":\"[^\"]*\"", "\"message\":\"@\"").getBytes(StandardCharsets.UTF_8);
            int at = indexOf(document, (byte) '@');
            byte[] withOdd = new byte[document.length - 1 + odd.length];
            System.arraycopy(document, 0, withOdd, 0, at);
            System.arraycopy(odd, 0, withOdd, at, odd.length);
            System.arraycopy(document, at + 1, withOdd, at + odd.length, document.length - at - 1);
            documents.add(withOdd);
        }
        int[] counts = assertSameInOneBuffer(documents);
        assertThat(counts[0]).as("taken from bytes").isGreaterThan(20);
        assertThat(counts[1] + counts[2]).as("handed to Jackson").isGreaterThan(20);
    }

    @Test
    void everyByteInAShortKeyGivesTheGeneralReadersBytesOrRefusal() throws IOException {
        // "service" and "log" are read a word at a time (up to seven bytes and the quote, see ByteCursor.member):
        // every byte value at every place of the word, the closing quote's and the one past it included
        byte[] base = CanonicalEntryTest.stored(SampleRecords.full());
        List<byte[]> documents = new ArrayList<>();
        for (String key : new String[]{"\"service\":", "\"log\":"}) {
            int at = indexOf(base, key.getBytes(StandardCharsets.US_ASCII)) + 1;
            for (int place = 0; place < 9; place++) {
                for (int value = 0; value < 256; value++) {
                    byte[] document = base.clone();
                    document[at + place] = (byte) value;
                    documents.add(document);
                }
            }
        }
        int[] counts = assertSameInOneBuffer(documents);
        assertThat(counts[0]).as("taken from bytes").isGreaterThan(0);
        assertThat(counts[1] + counts[2]).as("handed to Jackson or refused").isGreaterThan(4000);
    }

    @Test
    void aGeneratorWithOptionsOfItsOwnWritesTheEntryItself() throws IOException {
        byte[] document = CanonicalEntryTest.stored(SampleRecords.full());
        ApiEntryTranscoder transcoder = new ApiEntryTranscoder();
        transcoder.read(document, 0, document.length);
        assertThat(transcoder.readFromBytes()).isTrue();
        ByteArrayOutputStream pretty = new ByteArrayOutputStream();
        try (JsonGenerator gen = MAPPER.createGenerator(pretty).useDefaultPrettyPrinter()) {
            transcoder.write(gen, true, true);
        }
        ApiEntryTranscoder general = new ApiEntryTranscoder();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (com.fasterxml.jackson.core.JsonParser p = MAPPER.createParser(document);
             JsonGenerator gen = MAPPER.createGenerator(expected).useDefaultPrettyPrinter()) {
            p.nextToken();
            general.read(p);
            general.write(gen, true, true);
        }
        assertThat(pretty.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString(StandardCharsets.UTF_8));
    }

    /** The documents in one buffer, each read from its range and compared with the general reader's outcome. */
    private static int[] assertSameInOneBuffer(List<byte[]> documents) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int[] starts = new int[documents.size()];
        for (int i = 0; i < documents.size(); i++) {
            all.write(",{\"_source\":".getBytes(StandardCharsets.UTF_8));
            starts[i] = all.size();
            all.write(documents.get(i));
            all.write("}".getBytes(StandardCharsets.UTF_8));
        }
        byte[] answer = all.toByteArray();
        ApiEntryTranscoder transcoder = new ApiEntryTranscoder();
        int fromBytes = 0;
        int handedBack = 0;
        int refused = 0;
        for (int i = 0; i < documents.size(); i++) {
            byte[] document = documents.get(i);
            int start = starts[i];
            String text = new String(document, StandardCharsets.UTF_8);
            for (int bodies = 0; bodies < 4; bodies++) {
                boolean request = (bodies & 1) != 0;
                boolean response = (bodies & 2) != 0;
                String expected = generalOrFailure(document, request, response);
                String actual;
                try {
                    actual = CanonicalEntryTest.outcome(bodies == 0
                            ? () -> transcoder.read(answer, start, start + document.length)
                            : () -> { }, transcoder, request, response);
                } catch (IOException e) {
                    actual = "unreadable";
                }
                if (bodies == 0) {
                    fromBytes += transcoder.readFromBytes() && !actual.startsWith("refused") ? 1 : 0;
                    refused += actual.startsWith("refused") || actual.equals("unreadable") ? 1 : 0;
                    handedBack += !transcoder.readFromBytes() && !actual.startsWith("refused")
                            && !actual.equals("unreadable") ? 1 : 0;
                }
                assertThat(actual).as(text).isEqualTo(expected);
                if (actual.startsWith("refused") || actual.equals("unreadable")) {
                    break;
                }
            }
        }
        return new int[]{fromBytes, handedBack, refused};
    }

    private static String generalOrFailure(byte[] document, boolean request, boolean response) {
        try {
            return CanonicalEntryTest.general(document, request, response);
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private static String quoteReplacement(String s) {
        return java.util.regex.Matcher.quoteReplacement(s);
    }

    private static int indexOf(byte[] b, byte[] part) {
        for (int i = 0; i + part.length <= b.length; i++) {
            if (Arrays.equals(b, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    private static int indexOf(byte[] b, byte c) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
