package io.tapline.schema;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The streaming transcoder against the codecs it replaces on the read path: a document read into a map, turned
 * into a record by {@link EcsCodec#fromDocument}, into an entry by {@link ApiCodec#toEntry} and written by a
 * default {@code ObjectMapper} must give the very bytes the transcoder writes, for every record shape and for
 * documents written by hand the way Logstash or an old version might have stored them.
 */
class ApiEntryTranscoderTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final LogRecord FULL = SampleRecords.full();

    @Test
    void writesTheBytesOfTheMapCodecsForManyRandomRecordsWithAndWithoutBodies() throws IOException {
        int i = 0;
        for (LogRecord record : new RandomRecords(11).next(5_000)) {
            byte[] document = MAPPER.writeValueAsBytes(EcsCodec.toDocument(record));
            boolean requestBody = i % 2 == 0;
            boolean responseBody = i++ % 3 != 0;
            assertThat(transcode(document, requestBody, responseBody))
                    .as("entry of %s", record).isEqualTo(viaMaps(document, requestBody, responseBody));
        }
    }

    @Test
    void exposesTheIdAndProjectOfTheDocumentReadLast() throws IOException {
        LogRecord record = SampleRecords.full().toBuilder().id(987654321012L).projectId("proj_\u00e9").build();
        ApiEntryTranscoder transcoder = new ApiEntryTranscoder();
        try (JsonParser p = MAPPER.createParser(MAPPER.writeValueAsBytes(EcsCodec.toDocument(record)))) {
            p.nextToken();
            transcoder.read(p);
        }
        assertThat(transcoder.id()).isEqualTo(987654321012L);
        assertThat(transcoder.projectId()).isEqualTo("proj_\u00e9");
    }

    @Test
    void readsHandWrittenDocumentsAsTheMapCodecDoes() throws IOException {
        List<String> documents = List.of(
                // dotted names, as Logstash may store them, and values of loose types
                "{\"tapline.id\":\"17\",\"@timestamp\":1718201234102,\"tapline\":{\"kind\":\"REQUEST\"},"
                        + "\"log.level\":\"warning\",\"http.response.status_code\":\"404\","
                        + "\"http\":{\"request.method\":\"GET\",\"request\":{\"bytes\":412.0}},"
                        + "\"event\":{\"duration\":\"5000000\"},\"trace\":{\"id\":12345},\"message\":true}",
                // an ISO time with an offset, headers with upper-case names and a multi-valued header
                "{\"tapline\":{\"id\":1,\"kind\":\"event\",\"enrichment\":{\"a\":null,\"b\":[1,null,{\"c\":null}],"
                        + "\"n\":1.5e3,\"big\":123456789012345678901234567890}},\"@timestamp\":\"2024-06-12T16:07:14+02:00\","
                        + "\"log\":{\"level\":\"ERROR\"},\"http\":{\"request\":{\"headers\":{\"Accept\":\"x\","
                        + "\"accept\":\"y\",\"X-Multi\":[\"a\",\"b\"],\"z\":null}}}}",
                // bodies: one without content (no body), one with a string flag and no mime type
                "{\"tapline\":{\"id\":2,\"kind\":\"response\"},\"@timestamp\":\"2024-06-12T14:07:14.102Z\","
                        + "\"log\":{\"level\":\"info\"},\"http\":{\"request\":{\"body\":{\"truncated\":true},"
                        + "\"mime_type\":\"text/plain\"},\"response\":{\"body\":{\"content\":\"caf\u00e9 \ud83d\ude80\","
                        + "\"truncated\":\"TRUE\"}}}}",
                // empty headers and enrichment count as absent; unknown fields and derived URL parts are ignored
                "{\"tapline\":{\"id\":3,\"kind\":\"request\",\"enrichment\":{},\"other\":{\"x\":[1]}},"
                        + "\"@timestamp\":\"2024-06-12T14:07:14.102Z\",\"log\":{\"level\":\"debug\"},"
                        + "\"http\":{\"request\":{\"headers\":{}}},\"url\":{\"original\":\"/a?b=1\",\"path\":\"/zzz\","
                        + "\"query\":\"q\"},\"unknown\":{\"deep\":{\"er\":1}}}",
                // a value where an object belongs, nulls
                "{\"tapline\":{\"id\":4,\"kind\":\"request\",\"project_id\":null},\"@timestamp\":\"2024-06-12T14:07:14.102Z\","
                        + "\"log\":{\"level\":\"info\"},\"http\":\"flat\","
                        + "\"container\":{\"id\":null},\"url\":null}");
        for (String document : documents) {
            byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
            for (boolean bodies : new boolean[]{true, false}) {
                assertThat(transcode(bytes, bodies, bodies)).as(document).isEqualTo(viaMaps(bytes, bodies, bodies));
            }
        }
    }

    @Test
    void refusesWhatTheMapCodecRefusesWithTheSameMessage() throws IOException {
        List<String> documents = List.of(
                "{\"@timestamp\":\"2024-06-12T14:07:14.102Z\",\"tapline\":{\"kind\":\"request\"},\"log\":{\"level\":\"info\"}}",
                "{\"tapline\":{\"id\":1,\"kind\":\"request\"},\"log\":{\"level\":\"info\"}}",
                "{\"tapline\":{\"id\":1,\"kind\":\"nope\"},\"@timestamp\":0,\"log\":{\"level\":\"info\"}}",
                "{\"tapline\":{\"id\":1.5,\"kind\":\"request\"},\"@timestamp\":0,\"log\":{\"level\":\"info\"}}",
                "{\"tapline\":{\"id\":1,\"kind\":\"request\",\"enrichment\":\"x\"},\"@timestamp\":0,\"log\":{\"level\":\"info\"}}",
                "{\"tapline\":{\"id\":1,\"kind\":\"request\"},\"@timestamp\":\"2023-02-29T00:00:00.000Z\",\"log\":{\"level\":\"info\"}}",
                "{\"tapline\":{\"id\":1,\"kind\":\"request\"},\"@timestamp\":0,\"log\":{\"level\":\"info\"},"
                        + "\"http\":{\"response\":{\"status_code\":99999999999}}}",
                "{\"tapline\":{\"id\":1,\"kind\":\"request\"},\"@timestamp\":0,\"log\":{\"level\":\"info\"},"
                        + "\"message\":[\"a\"]}",
                "{\"tapline\":{\"id\":1,\"kind\":\"request\"},\"@timestamp\":0,\"log\":{\"level\":\"info\"},"
                        + "\"http\":{\"request\":{\"body\":{\"content\":\"x\",\"truncated\":\"maybe\"}}}}");
        for (String document : documents) {
            byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
            Throwable expected = catchThrowable(() -> viaMaps(bytes, true, true));
            assertThat(expected).as(document).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> transcode(bytes, true, true)).as(document)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(expected.getMessage());
        }
    }

    @Test
    void theEntryLayoutHasSeedKeyOrderWithDataAlwaysPresent() throws IOException {
        byte[] minimal = ("{\"tapline\":{\"id\":5,\"kind\":\"event\"},\"@timestamp\":\"2024-06-12T14:07:14.102Z\","
                + "\"log\":{\"level\":\"info\"}}").getBytes(StandardCharsets.UTF_8);
        assertThat(transcode(minimal, true, true)).isEqualTo("{\"id\":5,\"tsMs\":1718201234102,"
                + "\"tsIso\":\"2024-06-12T14:07:14.102Z\",\"kind\":\"event\",\"level\":\"info\",\"data\":{}}");
    }

    private static String transcode(byte[] document, boolean requestBody, boolean responseBody) throws IOException {
        ApiEntryTranscoder transcoder = new ApiEntryTranscoder();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonParser p = MAPPER.createParser(document); JsonGenerator gen = MAPPER.createGenerator(out)) {
            // a reused instance must forget the previous document: read one with every field first
            try (JsonParser full = MAPPER.createParser(MAPPER.writeValueAsBytes(EcsCodec.toDocument(FULL)))) {
                full.nextToken();
                transcoder.read(full);
            }
            p.nextToken();
            transcoder.read(p);
            transcoder.write(gen, requestBody, responseBody);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String viaMaps(byte[] document, boolean requestBody, boolean responseBody) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = MAPPER.readValue(document, Map.class);
        // as bytes, as the API writes it: Jackson's byte generator escapes what its text one leaves as is
        return new String(MAPPER.writeValueAsBytes(ApiCodec.toEntry(EcsCodec.fromDocument(map), requestBody,
                responseBody)), StandardCharsets.UTF_8);
    }
}
