package io.tapline.schema;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transcoder's fast path ({@link ApiEntryTranscoder#read(JsonParser, byte[])}, {@link CanonicalEntry}) against
 * its general reader ({@link ApiEntryTranscoder#read(JsonParser)}, itself compared with the map codecs by
 * {@link ApiEntryTranscoderTest}): the same entry bytes or the same refusal for every document, whether the fast
 * path takes it or hands it back, with the documents side by side in one buffer as in a search answer.
 */
class CanonicalEntryTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] ODD_VALUES = {"null", "\"12\"", "12", "-0", "1.5", "1e3", "true", "false", "{}",
            "[]", "[\"a\"]", "{\"x\":1}", "123456789012345678901234567890", "\"\"", "\"REQUEST\"", "\"warning\"",
            "\"2024-06-12T16:07:14+02:00\"", "\"1969-12-31T23:59:59.999Z\"", "\"2023-02-29T00:00:00.000Z\"",
            "\"0000-01-01T00:00:00.000Z\"", "\"9999-12-31T23:59:59.999Z\"", "1718201234102", "2147483648",
            "-9223372036854775808", "\"caf\\u00e9 \\\"q\\\"\"", "{\"Accept\":\"x\"}", "{\"b\":\"1\",\"a\":\"2\"}",
            "{\"a\":\"1\",\"a\":\"2\"}", "{\"a\":null}", "{\"a\":[\"x\",\"y\"]}", "{\"\u00e9\":\"x\"}",
            "{\"a\":{\"b\":null}}", "{\"n\":1.50}", "{\"content\":\"x\",\"truncated\":\"true\"}",
            "{\"truncated\":true}", "{\"content\":1}"};

    @Test
    void theStoresOwnLayoutTakesTheFastPath() throws IOException {
        assertThat(CanonicalEntry.ENABLED).as("CanonicalEntry knows the field table").isTrue();
        for (LogRecord record : List.of(SampleRecords.full(), SampleRecords.minimal())) {
            byte[] document = stored(record);
            ApiEntryTranscoder transcoder = new ApiEntryTranscoder();
            try (JsonParser p = MAPPER.createParser(document)) {
                p.nextToken();
                transcoder.read(p, document);
                assertThat(p.currentToken()).isEqualTo(JsonToken.END_OBJECT);
                assertThat(p.nextToken()).isNull();
            }
            assertThat(transcoder.readCanonically()).as("fast path for %s", record).isTrue();
            assertThat(transcoder.id()).isEqualTo(record.id());
            assertThat(transcoder.projectId()).isEqualTo(record.projectId());
        }
    }

    @Test
    void randomRecordsAsStoredGiveTheGeneralReadersBytes() throws IOException {
        List<byte[]> documents = new ArrayList<>();
        for (LogRecord record : new RandomRecords(29).next(4_000)) {
            documents.add(stored(record));
        }
        int[] counts = assertSameInOneBuffer(documents);
        // most random records are canonical: upper-case header names and odd enrichment values are not
        assertThat(counts[0]).isGreaterThan(documents.size() / 4);
    }

    @Test
    void hostileDocumentsGiveTheGeneralReadersBytesOrRefusal() throws IOException {
        Random random = new Random(41);
        List<byte[]> documents = new ArrayList<>();
        List<LogRecord> records = new RandomRecords(31).next(300);
        for (LogRecord record : records) {
            Map<String, Object> document = EcsCodec.toDocument(record);
            for (int i = 0; i < 12; i++) {
                documents.add(mutate(document, random).getBytes(StandardCharsets.UTF_8));
            }
        }
        int[] counts = assertSameInOneBuffer(documents);
        // all three outcomes occur: taken by the fast path, handed back and read, handed back and refused
        assertThat(counts[0]).isGreaterThan(100);
        assertThat(counts[1]).isGreaterThan(100);
        assertThat(counts[2]).isGreaterThan(100);
    }

    /**
     * Writes the documents into one JSON array, reads each one there with both readers, and compares them one
     * by one; returns how many the fast path took, how many it handed back, and how many were refused.
     */
    private static int[] assertSameInOneBuffer(List<byte[]> documents) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write("{\"hits\":[".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < documents.size(); i++) {
            all.write(i == 0 ? "{\"_source\":".getBytes(StandardCharsets.UTF_8) : ",{\"_source\":".getBytes(StandardCharsets.UTF_8));
            all.write(documents.get(i));
            all.write(",\"sort\":[1,{\"x\":[2]}]}".getBytes(StandardCharsets.UTF_8));
        }
        all.write("]}".getBytes(StandardCharsets.UTF_8));
        byte[] answer = all.toByteArray();
        ApiEntryTranscoder transcoder = new ApiEntryTranscoder();
        int fast = 0;
        int handedBack = 0;
        int refused = 0;
        try (JsonParser p = MAPPER.createParser(answer)) {
            p.nextToken();
            p.nextToken();
            p.nextToken();
            for (byte[] document : documents) {
                assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
                assertThat(p.nextFieldName()).isEqualTo("_source");
                p.nextToken();
                String text = new String(document, StandardCharsets.UTF_8);
                for (int bodies = 0; bodies < 4; bodies++) {
                    boolean request = (bodies & 1) != 0;
                    boolean response = (bodies & 2) != 0;
                    String expected = general(document, request, response);
                    String actual;
                    if (bodies == 0) {
                        actual = outcome(() -> transcoder.read(p, answer), transcoder, request, response);
                        fast += transcoder.readCanonically() ? 1 : 0;
                        handedBack += transcoder.readCanonically() || actual.startsWith("refused") ? 0 : 1;
                        refused += actual.startsWith("refused") ? 1 : 0;
                    } else {
                        actual = outcome(() -> { }, transcoder, request, response);
                    }
                    assertThat(actual).as(text).isEqualTo(expected);
                    if (actual.startsWith("refused")) {
                        break; // the general reader refused it from the document's own bytes
                    }
                }
                // the parser is on the document's end, ready for the rest of the hit
                assertThat(p.currentToken()).as(text).isEqualTo(JsonToken.END_OBJECT);
                assertThat(p.nextFieldName()).as(text).isEqualTo("sort");
                p.nextToken();
                p.skipChildren();
                assertThat(p.nextToken()).as(text).isEqualTo(JsonToken.END_OBJECT);
            }
        }
        return new int[]{fast, handedBack, refused};
    }

    interface Read {
        void run() throws IOException;
    }

    static String outcome(Read read, ApiEntryTranscoder transcoder, boolean request, boolean response)
            throws IOException {
        try {
            read.run();
        } catch (IllegalArgumentException e) {
            return "refused: " + e.getMessage();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator gen = MAPPER.createGenerator(out)) {
            transcoder.write(gen, request, response);
        }
        return transcoder.id() + " " + transcoder.projectId() + " " + out.toString(StandardCharsets.UTF_8);
    }

    static String general(byte[] document, boolean request, boolean response) throws IOException {
        ApiEntryTranscoder transcoder = new ApiEntryTranscoder();
        try (JsonParser p = MAPPER.createParser(document)) {
            p.nextToken();
            return outcome(() -> transcoder.read(p), transcoder, request, response);
        }
    }

    static byte[] stored(LogRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator gen = MAPPER.createGenerator(out)) {
            EcsJsonWriter.write(record, gen);
        }
        return out.toByteArray();
    }

    /** The document with one hostile change: a value replaced, removed, repeated, dotted, or a key added. */
    @SuppressWarnings("unchecked")
    static String mutate(Map<String, Object> document, Random random) throws IOException {
        Map<String, Object> copy = MAPPER.readValue(MAPPER.writeValueAsBytes(document), LinkedHashMap.class);
        List<Object[]> leaves = new ArrayList<>();
        collect(copy, "", leaves);
        Object[] leaf = leaves.get(random.nextInt(leaves.size()));
        Map<String, Object> parent = (Map<String, Object>) leaf[0];
        String key = (String) leaf[1];
        String odd = ODD_VALUES[random.nextInt(ODD_VALUES.length)];
        String json = MAPPER.writeValueAsString(copy);
        switch (random.nextInt(7)) {
            case 0 -> {
                parent.put(key, MAPPER.readValue(odd, Object.class));
                json = MAPPER.writeValueAsString(copy);
            }
            case 1 -> {
                parent.remove(key);
                json = MAPPER.writeValueAsString(copy);
            }
            case 2 -> {
                parent.put(key + (random.nextBoolean() ? "" : "x"), MAPPER.readValue(odd, Object.class));
                parent.put("extra", 1);
                json = MAPPER.writeValueAsString(copy);
            }
            // the same member again at the end of the document, as a dotted name or nested, odd or not
            case 3 -> json = json.substring(0, json.length() - 1) + ",\"" + leaf[2] + "\":" + odd + "}";
            case 4 -> json = json.substring(0, json.length() - 1) + "," + nested((String) leaf[2], odd) + "}";
            case 5 -> json = json.substring(0, json.length() - 1) + "," + nested((String) leaf[2],
                    MAPPER.writeValueAsString(parent.get(key))) + "}";
            default -> json = json.replace("{\"tapline\":{", "{\"tapline\":{\"" + key + "\":" + odd + ",");
        }
        return json;
    }

    /** {@code "a":{"b":{"c":value}}} for path a.b.c. */
    private static String nested(String path, String value) {
        String[] segments = path.split("\\.");
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            s.append(i == 0 ? "" : "{").append('"').append(segments[i]).append("\":");
        }
        s.append(value).append("}".repeat(segments.length - 1));
        return s.toString();
    }

    @SuppressWarnings("unchecked")
    private static void collect(Map<String, Object> map, String prefix, List<Object[]> leaves) {
        for (Map.Entry<String, Object> e : map.entrySet()) {
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            leaves.add(new Object[]{map, e.getKey(), path});
            if (e.getValue() instanceof Map<?, ?> child) {
                collect((Map<String, Object>) child, path, leaves);
            }
        }
    }
}
