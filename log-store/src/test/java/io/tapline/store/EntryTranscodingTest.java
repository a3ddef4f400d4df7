package io.tapline.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.schema.ApiCodec;
import io.tapline.schema.ApiEntryTranscoder;
import io.tapline.schema.Body;
import io.tapline.schema.EcsCodec;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.schema.Source;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The entry path of a search answer ({@link RawSearch} handing each {@code _source} to an
 * {@link ApiEntryTranscoder}) against the record path it replaces (the same answer read into flat maps,
 * {@link EcsCodec#fromDocument}, {@link ApiCodec#toEntry}, a default {@code ObjectMapper}): the same entry
 * bytes, the same figures, the same refusals, for varied records and for documents stored in odd shapes.
 */
class EntryTranscodingTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] TEXT = {"plain", "caf\u00e9", "\u4e2d\u6587", "emoji \ud83d\ude80", "q\"b\\s",
            "tab\tnl\n", "\u0000ctl", "line\u2028sep", ""};

    @Test
    void variedRecordsGiveTheSameEntriesAndFigures() throws IOException {
        Random random = new Random(5);
        List<String> documents = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            documents.add(MAPPER.writeValueAsString(EcsCodec.toDocument(record(random, i))));
        }
        for (int from = 0; from < documents.size(); from += 200) {
            String answer = answer(documents.subList(from, Math.min(documents.size(), from + 200)), 123_456);
            for (int bodies = 0; bodies < 4; bodies++) {
                assertSamePage(answer, (bodies & 1) != 0, (bodies & 2) != 0);
            }
        }
    }

    @Test
    void documentsInOddShapesAreReadAsTheFlatMapReaderReadsThem() throws IOException {
        String base = "\"@timestamp\":\"2024-06-12T14:07:14.102Z\",\"log\":{\"level\":\"info\"}";
        List<String> documents = List.of(
                // the same field nested and dotted: the last one in the document wins, either way round
                "{\"tapline\":{\"id\":1,\"kind\":\"request\"}," + base
                        + ",\"http\":{\"request\":{\"method\":\"GET\"}},\"http.request.method\":\"PUT\"}",
                "{\"tapline\":{\"id\":2,\"kind\":\"request\"}," + base
                        + ",\"http.request.method\":\"PUT\",\"http\":{\"request\":{\"method\":\"GET\"}}}",
                "{\"tapline.id\":3,\"tapline\":{\"kind\":\"event\",\"project_id\":\"p\"},\"tapline.project_id\":\"q\","
                        + base + "}",
                // an object where a value belongs is walked into by the reader: the value is absent, or the
                // earlier one stays
                "{\"tapline\":{\"id\":4,\"kind\":\"request\"}," + base + ",\"service\":{\"name\":{\"x\":1}},"
                        + "\"message\":\"kept\",\"message\":{\"y\":2}}",
                // dotted names at every depth, empty segments, a trailing dot, members below a value
                "{\"tapline\":{\"id\":5,\"kind\":\"request\"}," + base + ",\"http\":{\"request.headers\":{\"A\":\"1\"},"
                        + "\"response.status_code\":204},\"trace..id\":\"no\",\"container.id.\":\"no\","
                        + "\"user_agent.original.x\":\"no\",\"event\":{\"duration.\":1}}",
                // headers and enrichment given whole as dotted names; a header array; a float duration
                "{\"tapline\":{\"id\":6,\"kind\":\"response\"},\"tapline.enrichment\":{\"k\":{\"n\":[1.5,null]}},"
                        + base + ",\"http.request.headers\":{\"X\":[\"a\",\"b\"]},\"event.duration\":2000000.0}");
        for (String document : documents) {
            assertSamePage(answer(List.of(document), 1), true, true);
            assertSamePage(answer(List.of(document), 1), false, false);
        }
    }

    @Test
    void aDocumentThatIsNoRecordIsRefusedAlike() {
        String base = "\"@timestamp\":\"2024-06-12T14:07:14.102Z\",\"log\":{\"level\":\"info\"}";
        for (String document : List.of("{" + base + ",\"tapline\":{\"kind\":\"request\"}}",
                "{\"tapline\":{\"id\":1,\"kind\":\"request\"},\"log\":{\"level\":\"nope\"},\"@timestamp\":0}",
                "{\"tapline\":{\"id\":1,\"kind\":\"request\"}," + base + ",\"http.response.status_code\":\"x\"}")) {
            String answer = answer(List.of(document), 1);
            Throwable expected = catchThrowable(() -> viaRecords(answer, true, true));
            assertThat(expected).as(document).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> viaEntries(answer, true, true)).as(document)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(expected.getMessage());
        }
    }

    @Test
    void anEmptyAnswerHasNoEntriesAndNoLastId() throws IOException {
        Page page = viaEntries(answer(List.of(), 0), true, true);
        assertThat(page.entries()).isEqualTo("[]");
        assertThat(page.count()).isZero();
        assertThat(page.lastId()).isNull();
    }

    private static void assertSamePage(String answer, boolean requestBody, boolean responseBody) throws IOException {
        Page expected = viaRecords(answer, requestBody, responseBody);
        Page actual = viaEntries(answer, requestBody, responseBody);
        assertThat(actual).isEqualTo(expected);
    }

    /** The record path: flat maps, then records, then entries written as the API writes its page. */
    private static Page viaRecords(String answer, boolean requestBody, boolean responseBody) throws IOException {
        RawSearch.Hits hits;
        try (JsonParser p = MAPPER.createParser(answer)) {
            hits = RawSearch.read(p, null);
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        Long lastId = null;
        for (Map<String, Object> source : hits.sources()) {
            LogRecord record = EcsCodec.fromDocument(source);
            entries.add(ApiCodec.toEntry(record, requestBody, responseBody));
            lastId = record.id();
        }
        return new Page(new String(MAPPER.writeValueAsBytes(entries), StandardCharsets.UTF_8), hits.count(),
                Math.max(hits.total(), entries.size()), lastId);
    }

    /** The entry path, as {@link ElasticsearchStore#searchEntries} runs it. */
    private static Page viaEntries(String answer, boolean requestBody, boolean responseBody) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ApiEntryTranscoder transcoder = new ApiEntryTranscoder();
        Long[] last = new Long[1];
        RawSearch.Hits hits;
        try (JsonGenerator gen = MAPPER.createGenerator(out)) {
            gen.writeStartArray();
            hits = RawSearch.read(answer.getBytes(StandardCharsets.UTF_8), MAPPER, (source, bytes) -> {
                transcoder.read(source, bytes);
                last[0] = transcoder.id();
                transcoder.write(gen, requestBody, responseBody);
            });
            gen.writeEndArray();
        }
        return new Page(out.toString(StandardCharsets.UTF_8), hits.count(), Math.max(hits.total(), hits.count()),
                last[0]);
    }

    private record Page(String entries, int count, long total, Long lastId) {
    }

    /**
     * A search answer as Elasticsearch sends it for a page (no filter_path): the figures and hit metadata the
     * reader skips around what it reads.
     */
    private static String answer(List<String> sources, long total) {
        StringBuilder s = new StringBuilder("{\"took\":3,\"timed_out\":false,\"_shards\":{\"total\":2,"
                + "\"successful\":2,\"skipped\":0,\"failed\":0},\"hits\":{\"total\":{\"value\":" + total
                + ",\"relation\":\"eq\"},\"max_score\":null,\"hits\":[");
        for (int i = 0; i < sources.size(); i++) {
            s.append(i == 0 ? "" : ",").append("{\"_index\":\"tapline-logs-2024.06.12\",\"_id\":\"").append(i)
                    .append("\",\"_score\":null,\"_source\":").append(sources.get(i))
                    .append(",\"sort\":[").append(1_718_201_234_000L - i).append(',').append(i).append("]}");
        }
        return s.append("]}}").toString();
    }

    private static LogRecord record(Random random, int i) {
        LogRecord.Builder b = LogRecord.builder().id(random.nextBoolean() ? random.nextLong() : i)
                .tsMs(1_500_000_000_000L + (long) (random.nextDouble() * 400_000_000_000L))
                .kind(Kind.values()[random.nextInt(3)]).level(Level.values()[random.nextInt(Level.values().length)]);
        if (random.nextBoolean()) b.traceId(text(random));
        if (random.nextBoolean()) b.projectId("proj_" + text(random));
        if (random.nextBoolean()) b.containerId(text(random));
        if (random.nextBoolean()) b.serviceName(text(random));
        if (random.nextBoolean()) b.method(random.nextBoolean() ? "GET" : "P\u00d6ST");
        if (random.nextBoolean()) b.url("/v1/" + text(random) + "?q=" + i);
        if (random.nextBoolean()) b.clientIp(random.nextBoolean() ? "203.0.113.9" : "2001:db8::1");
        if (random.nextBoolean()) b.status(random.nextBoolean() ? 200 : Integer.MAX_VALUE);
        if (random.nextBoolean()) b.bytesIn(random.nextBoolean() ? 0L : Long.MAX_VALUE);
        if (random.nextBoolean()) b.bytesOut((long) random.nextInt());
        if (random.nextBoolean()) b.durationMs((long) random.nextInt(100_000));
        if (random.nextBoolean()) b.userAgent(text(random));
        if (random.nextBoolean()) b.source(Source.values()[random.nextInt(2)]);
        if (random.nextBoolean()) b.action(text(random));
        if (random.nextBoolean()) b.message(text(random));
        if (random.nextBoolean()) b.requestHeaders(Map.of("accept", text(random), "x-id", "" + i));
        if (random.nextBoolean()) b.requestBody(new Body(text(random), random.nextBoolean(), null));
        if (random.nextBoolean()) b.responseBody(new Body("{\"n\":" + i + "}", false, "application/json"));
        if (random.nextBoolean()) {
            Map<String, Object> enrichment = new LinkedHashMap<>();
            enrichment.put("route", text(random));
            enrichment.put("n", random.nextInt());
            enrichment.put("ratio", random.nextDouble());
            enrichment.put("big", random.nextLong());
            enrichment.put("nested", Map.of("tags", Arrays.asList("a", null, text(random))));
            enrichment.put("empty", Map.of());
            b.enrichment(enrichment);
        }
        return b.build();
    }

    private static String text(Random random) {
        return TEXT[random.nextInt(TEXT.length)] + (random.nextBoolean() ? "" : TEXT[random.nextInt(TEXT.length)]);
    }
}
