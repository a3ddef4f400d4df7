package io.tapline.schema;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EcsJsonWriterTest {

    @Test
    void readsEveryFieldDirectlyAsTheFieldTableDoes() {
        assertThat(EcsJsonWriter.directReads()).as("RecordFields.ALL is the list direct() reads").isTrue();
        List<RecordField> fields = RecordFields.ALL;
        for (LogRecord record : new RandomRecords(23).next(2_000)) {
            for (int f = 0; f < fields.size(); f++) {
                assertThat(EcsJsonWriter.direct(f, record)).as("%s", fields.get(f))
                        .isEqualTo(fields.get(f).valueOf(record));
            }
        }
        LogRecord bare = LogRecord.builder().id(1).tsMs(2).kind(Kind.EVENT).level(Level.INFO).build();
        for (int f = 0; f < fields.size(); f++) {
            assertThat(EcsJsonWriter.direct(f, bare)).as("%s", fields.get(f)).isEqualTo(fields.get(f).valueOf(bare));
        }
    }

    private static final int RECORDS = 20_000;

    @Test
    void writesTheSameBytesAsTheEcsDocumentMapWrittenWithJsonForManyRandomRecords() throws IOException {
        for (LogRecord record : new RandomRecords(1).next(RECORDS)) {
            byte[] expected = Json.writeBytes(EcsCodec.toDocument(record));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonGenerator gen = Json.generator(out)) {
                EcsJsonWriter.write(record, gen);
            }
            assertSameJson(out.toByteArray(), expected, record);
        }
    }

    @Test
    void writesTheSameBytesAsADefaultObjectMapperWritingTheDocumentMap() throws IOException {
        // The store writes with the ObjectMapper its caller hands it; callers use a default one.
        ObjectMapper mapper = new ObjectMapper();
        for (LogRecord record : new RandomRecords(2).next(RECORDS)) {
            byte[] expected = mapper.writeValueAsBytes(EcsCodec.toDocument(record));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonGenerator gen = mapper.createGenerator(out)) {
                EcsJsonWriter.write(record, gen);
            }
            assertSameJson(out.toByteArray(), expected, record);
        }
    }

    @Test
    void wireLinesAreUnchangedByStreaming() {
        for (LogRecord record : new RandomRecords(3).next(RECORDS / 4)) {
            String expected = Json.write(EcsCodec.toDocument(record));
            assertThat(WireCodec.toLine(record)).as("line of %s", record).isEqualTo(expected);
            // Not expected's UTF-8: Jackson's byte generator escapes surrogate pairs (emoji) where the text one
            // does not, so the byte form is compared with the map written as bytes, as toLineBytes used to.
            byte[] mapBytes = Json.writeBytes(EcsCodec.toDocument(record));
            byte[] expectedBytes = java.util.Arrays.copyOf(mapBytes, mapBytes.length + 1);
            expectedBytes[mapBytes.length] = '\n';
            assertSameJson(WireCodec.toLineBytes(record), expectedBytes, record);
        }
    }

    @Test
    void theRandomRecordsReachEveryEcsPathAndLeaveEachOneOutSometimes() {
        Set<String> written = new HashSet<>();
        Set<String> missing = new HashSet<>();
        for (LogRecord record : new RandomRecords(1).next(2_000)) {
            Map<String, Object> doc = EcsCodec.toDocument(record);
            for (RecordField field : RecordFields.ALL) {
                for (String path : field.ecsPaths()) {
                    (NestedMaps.get(doc, path) != null ? written : missing).add(path);
                }
            }
        }
        Set<String> required = Set.of("tapline.id", "@timestamp", "tapline.kind", "log.level");
        for (RecordField field : RecordFields.ALL) {
            for (String path : field.ecsPaths()) {
                assertThat(written).as("written somewhere").contains(path);
                if (!required.contains(path)) {
                    assertThat(missing).as("absent somewhere").contains(path);
                }
            }
        }
    }

    @Test
    void placesAnObjectWhereItsFirstPresentFieldIsEvenWhenEarlierFieldsOfItAreAbsent() {
        // http.request.method is absent, so the response status creates "http" and its "response" first.
        LogRecord record = SampleRecords.minimal().toBuilder().status(503).bytesIn(12L).build();

        assertThat(WireCodec.toLine(record)).isEqualTo("{\"tapline\":{\"id\":7,\"kind\":\"event\"},"
                + "\"@timestamp\":\"2024-06-12T14:07:14.000Z\",\"log\":{\"level\":\"info\"},"
                + "\"http\":{\"response\":{\"status_code\":503},\"request\":{\"bytes\":12}}}");
    }

    @Test
    void writesEveryFieldOfAFullRecordAsTheMapCodecDoes() {
        LogRecord full = SampleRecords.full();

        assertThat(WireCodec.toLine(full)).isEqualTo(Json.write(EcsCodec.toDocument(full)));
        assertThat(WireCodec.fromLine(WireCodec.toLine(full))).isEqualTo(full);
    }

    @Test
    void leavesOutNullsInsideEnrichmentMapsButKeepsThemInsideLists() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("gone", null);
        inner.put("kept", java.util.Arrays.asList("a", null));
        Map<String, Object> enrichment = new LinkedHashMap<>();
        enrichment.put("inner", inner);
        enrichment.put("none", null);
        LogRecord record = SampleRecords.minimal().toBuilder().enrichment(enrichment).build();

        assertThat(WireCodec.toLine(record)).contains("\"enrichment\":{\"inner\":{\"kept\":[\"a\",null]}}")
                .isEqualTo(Json.write(EcsCodec.toDocument(record)));
    }

    @Test
    void mergesHeaderNamesThatDifferOnlyInCaseAsTheMapCodecDoes() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "text/html");
        headers.put("accept", "application/json");
        headers.put("X-B", "1");
        LogRecord record = SampleRecords.minimal().toBuilder().requestHeaders(headers).build();

        assertThat(WireCodec.toLine(record)).isEqualTo(Json.write(EcsCodec.toDocument(record)))
                .contains("\"headers\":{\"accept\":").contains("\"x-b\":\"1\"");
    }

    @Test
    void aDurationTooLargeForNanosecondsFailsAsTheMapCodecDoes() {
        LogRecord record = SampleRecords.minimal().toBuilder().durationMs(Long.MAX_VALUE / 1000).build();

        assertThatThrownBy(() -> EcsCodec.toDocument(record)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> WireCodec.toLine(record)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void loneSurrogatesComeOutAsTheMapPathWritesThemOrFailAlike() {
        for (String text : List.of("\ud83d", "x\ude80y", "\ude80\ud83d")) {
            LogRecord record = SampleRecords.minimal().toBuilder().message(text).build();
            String expected;
            try {
                expected = new String(Json.writeBytes(EcsCodec.toDocument(record)), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException mapFailed) {
                assertThatThrownBy(() -> WireCodec.toLineBytes(record)).isInstanceOf(IllegalArgumentException.class);
                continue;
            }
            assertThat(new String(WireCodec.toLineBytes(record), StandardCharsets.UTF_8)).isEqualTo(expected + "\n");
        }
    }

    private static void assertSameJson(byte[] actual, byte[] expected, LogRecord record) {
        if (!java.util.Arrays.equals(actual, expected)) {
            assertThat(new String(actual, StandardCharsets.UTF_8)).as("document of %s", record)
                    .isEqualTo(new String(expected, StandardCharsets.UTF_8));
            assertThat(actual).as("bytes of %s", record).isEqualTo(expected);
        }
    }
}
