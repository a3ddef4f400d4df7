package io.tapline.schema;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entry rendered at index time and read back from its stored base64: the transcoder's bytes for the same
 * document, its id and project read back as the record has them, and anything that is not such an entry refused.
 */
class StoredEntryTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void renderedEntriesAreTheTranscodersBytesAndReadBackWithTheirIdAndProject() throws IOException {
        RandomRecords records = new RandomRecords(41);
        StoredEntryRenderer renderer = new StoredEntryRenderer();
        StoredEntry entry = new StoredEntry();
        for (int i = 0; i < 3_000; i++) {
            LogRecord record = records.next();
            byte[] document = CanonicalEntryTest.stored(record);
            // a document among others, as in a bulk body
            byte[] framed = frame(document);
            assertThat(renderer.render(framed, 5, 5 + document.length)).isTrue();
            byte[] rendered = renderer.entry();
            assertThat(new String(rendered, StandardCharsets.UTF_8)).isEqualTo(transcoded(document));
            // the record path's entry for the stored document (what it reads back, not the record it was made of)
            assertThat(rendered).isEqualTo(MAPPER.writeValueAsBytes(ApiCodec.toEntry(
                    EcsCodec.fromDocument(Json.readObject(new String(document, StandardCharsets.UTF_8))), false, false)));

            byte[] base64 = new byte[renderer.base64Length() + 4];
            int end = renderer.writeBase64(base64, 2);
            assertThat(end).isEqualTo(2 + renderer.base64Length());
            assertThat(new String(base64, 2, end - 2, StandardCharsets.US_ASCII))
                    .isEqualTo(Base64.getEncoder().encodeToString(rendered));
            byte[] id = Long.toString(record.id()).getBytes(StandardCharsets.US_ASCII);
            assertThat(entry.decode(base64, 2, end, id, 0, id.length)).as("%s", record).isTrue();
            assertThat(entry.id()).isEqualTo(record.id());
            assertThat(entry.projectId()).isEqualTo(record.projectId());
            assertThat(written(entry)).isEqualTo(new String(rendered, StandardCharsets.UTF_8));
        }
    }

    @Test
    void aGeneratorWithOptionsOfItsOwnGetsWhatTheTranscoderWritesWithIt() throws IOException {
        RandomRecords records = new RandomRecords(42);
        StoredEntryRenderer renderer = new StoredEntryRenderer();
        StoredEntry entry = new StoredEntry();
        for (int i = 0; i < 500; i++) {
            byte[] document = CanonicalEntryTest.stored(records.next());
            assertThat(renderer.render(document, 0, document.length)).isTrue();
            assertThat(renderer.copyTo(entry)).isTrue();
            ApiEntryTranscoder transcoder = new ApiEntryTranscoder();
            transcoder.read(document, 0, document.length);
            assertThat(pretty(entry)).isEqualTo(pretty(transcoder));
        }
    }

    private static String pretty(ApiEntrySource hit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator gen = MAPPER.createGenerator(out).useDefaultPrettyPrinter()) {
            gen.enable(JsonGenerator.Feature.ESCAPE_NON_ASCII);
            hit.write(gen, false, false);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void decodesEveryLengthOfBase64AsTheJdkDoes() {
        Random random = new Random(3);
        StoredEntry entry = new StoredEntry();
        for (int n = 0; n < 300; n++) {
            byte[] bytes = new byte[n];
            random.nextBytes(bytes);
            EntryBytes out = new EntryBytes();
            byte[] text = Base64.getEncoder().encode(bytes);
            assertThat(EntryBase64.decode(text, 0, text.length, out)).isTrue();
            assertThat(java.util.Arrays.copyOf(out.array(), out.size())).isEqualTo(bytes);
            byte[] again = new byte[EntryBase64.encodedLength(n)];
            EntryBase64.encode(bytes, 0, n, again, 0);
            assertThat(again).isEqualTo(text);
        }
        byte[] id = "1".getBytes(StandardCharsets.US_ASCII);
        for (String bad : new String[]{"", "e", "eyJ", "eyJp!ZCI6", "ey=pZA==", "eyJpZCI6MX0", "eyJpZCI6MX0=\n"}) {
            byte[] text = bad.getBytes(StandardCharsets.US_ASCII);
            assertThat(entry.decode(text, 0, text.length, id, 0, 1)).as(bad).isFalse();
        }
    }

    @Test
    void refusesWhatIsNotThisHitsEntry() {
        StoredEntry entry = new StoredEntry();
        assertThat(accepts(entry, "{\"id\":12,\"tsMs\":1,\"kind\":\"request\",\"data\":{}}", "12")).isTrue();
        assertThat(entry.projectId()).isNull();
        assertThat(accepts(entry, "{\"id\":12,\"tsMs\":1,\"data\":{}}", "13")).as("another record's").isFalse();
        assertThat(accepts(entry, "{\"id\":12,\"tsMs\":1,\"data\":{}}", "012")).isFalse();
        assertThat(accepts(entry, "{\"ID\":12,\"data\":{}}", "12")).isFalse();
        assertThat(accepts(entry, "{\"id\":,\"data\":{}}", "")).isFalse();
        assertThat(accepts(entry, "{\"id\":12,\"projectId\":\"unterminated}", "12")).isFalse();
        assertThat(accepts(entry, "[\"id\",12]", "12")).isFalse();
        assertThat(accepts(entry, "{\"id\":-5,\"projectId\":\"a\\\"b\",\"data\":{}}", "-5")).isTrue();
        assertThat(entry.projectId()).isEqualTo("a\"b");
        // a projectId key inside headers or enrichment is not the entry's project
        assertThat(accepts(entry, "{\"id\":7,\"data\":{},\"enrichment\":{\"projectId\":\"x\"}}", "7")).isTrue();
        assertThat(entry.projectId()).isNull();
    }

    private static boolean accepts(StoredEntry entry, String json, String id) {
        byte[] text = Base64.getEncoder().encode(json.getBytes(StandardCharsets.UTF_8));
        byte[] idText = id.getBytes(StandardCharsets.US_ASCII);
        return entry.decode(text, 0, text.length, idText, 0, idText.length);
    }

    private static byte[] frame(byte[] document) {
        byte[] framed = new byte[document.length + 10];
        java.util.Arrays.fill(framed, (byte) '#');
        System.arraycopy(document, 0, framed, 5, document.length);
        return framed;
    }

    private static String transcoded(byte[] document) throws IOException {
        ApiEntryTranscoder transcoder = new ApiEntryTranscoder();
        transcoder.read(document, 0, document.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator gen = MAPPER.createGenerator(out)) {
            transcoder.write(gen, false, false);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String written(StoredEntry entry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator gen = MAPPER.createGenerator(out)) {
            entry.write(gen, false, false);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
