package io.tapline.schema;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EcsCodecTest {

    @Test
    void everyFieldSurvivesTheEcsRoundTrip() {
        LogRecord record = SampleRecords.full();

        assertThat(EcsCodec.fromDocument(EcsCodec.toDocument(record))).isEqualTo(record);
    }

    @Test
    void aMinimalRecordSurvivesTheEcsRoundTripAndWritesOnlyItsRequiredFields() {
        LogRecord record = SampleRecords.minimal();
        Map<String, Object> doc = EcsCodec.toDocument(record);

        assertThat(doc).isEqualTo(Map.of(
                "tapline", Map.of("id", 7L, "kind", "event"),
                "@timestamp", "2024-06-12T14:07:14.000Z",
                "log", Map.of("level", "info")));
        assertThat(EcsCodec.fromDocument(doc)).isEqualTo(record);
    }

    @Test
    void writesEveryFieldAtItsEcsPathAsNestedObjects() {
        Map<String, Object> doc = EcsCodec.toDocument(SampleRecords.full());

        assertThat(at(doc, "tapline.id")).isEqualTo(84321L);
        assertThat(at(doc, "trace.id")).isEqualTo("f47ac10b-58cc-4372-a567-0e02b2c3d479");
        assertThat(doc.get("@timestamp")).isEqualTo("2024-06-12T14:07:14.102Z");
        assertThat(at(doc, "tapline.kind")).isEqualTo("response");
        assertThat(at(doc, "log.level")).isEqualTo("warn");
        assertThat(at(doc, "tapline.project_id")).isEqualTo("proj_a1b2c3d4");
        assertThat(at(doc, "container.id")).isEqualTo("cnt_x9y8z7w6");
        assertThat(at(doc, "service.name")).isEqualTo("user-api");
        assertThat(at(doc, "http.request.method")).isEqualTo("POST");
        assertThat(at(doc, "url.original")).isEqualTo("/v1/users?page=2&sort=name");
        assertThat(at(doc, "url.path")).isEqualTo("/v1/users");
        assertThat(at(doc, "url.query")).isEqualTo("page=2&sort=name");
        assertThat(at(doc, "client.ip")).isEqualTo("203.0.113.42");
        assertThat(at(doc, "http.response.status_code")).isEqualTo(201);
        assertThat(at(doc, "http.request.bytes")).isEqualTo(412L);
        assertThat(at(doc, "http.response.bytes")).isEqualTo(318L);
        assertThat(at(doc, "user_agent.original")).isEqualTo("Hoody-CLI/1.4.2");
        assertThat(at(doc, "tapline.source")).isEqualTo("edge");
        assertThat(at(doc, "event.action")).isEqualTo("upstream_slow");
        assertThat(doc.get("message")).isEqualTo("upstream answered after 102 ms\nsecond line");
        assertThat(at(doc, "http.request.headers"))
                .isEqualTo(Map.of("accept", "application/json", "x-request-id", "abc-123"));
        assertThat(at(doc, "http.request.body.content")).isEqualTo("{\"name\":\"ada\"}");
        assertThat(at(doc, "http.request.body.truncated")).isEqualTo(false);
        assertThat(at(doc, "http.request.mime_type")).isEqualTo("application/json");
        assertThat(at(doc, "http.response.body.truncated")).isEqualTo(true);
        assertThat(at(doc, "http.response.mime_type")).isEqualTo("application/json; charset=utf-8");
        assertThat(at(doc, "tapline.enrichment")).isEqualTo(SampleRecords.full().enrichment());
    }

    @Test
    void storesEventDurationInNanoseconds() {
        LogRecord record = SampleRecords.minimal().toBuilder().durationMs(102L).build();
        Map<String, Object> doc = EcsCodec.toDocument(record);

        assertThat(at(doc, "event.duration")).isEqualTo(102_000_000L);
        assertThat(EcsCodec.fromDocument(doc).durationMs()).isEqualTo(102L);
    }

    @Test
    void readsNanosecondDurationsBackDownToWholeMilliseconds() {
        Map<String, Object> doc = minimalDocument();
        doc.put("event", Map.of("duration", 1_999_999));

        assertThat(EcsCodec.fromDocument(doc).durationMs()).isEqualTo(1L);
    }

    @Test
    void lowerCasesHeaderNames() {
        LogRecord record = SampleRecords.minimal().toBuilder()
                .requestHeaders(Map.of("Content-Type", "text/plain")).build();

        assertThat(at(EcsCodec.toDocument(record), "http.request.headers")).isEqualTo(Map.of("content-type", "text/plain"));
    }

    @Test
    void ignoresUrlPathAndQueryOnReadBecauseTheyAreDerived() {
        Map<String, Object> doc = minimalDocument();
        doc.put("url", Map.of("original", "/a?b=1", "path", "/somewhere-else", "query", "x=y"));

        LogRecord record = EcsCodec.fromDocument(doc);

        assertThat(record.url()).isEqualTo("/a?b=1");
        assertThat(EcsCodec.toDocument(record).get("url")).isEqualTo(Map.of("original", "/a?b=1", "path", "/a", "query", "b=1"));
    }

    @Test
    void readsNumbersWhateverTypeTheyComeBackAs() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tapline", Map.of("id", 84321, "kind", "request"));
        doc.put("@timestamp", 1718201234000L);
        doc.put("log", Map.of("level", "INFO"));
        doc.put("http", Map.of(
                "request", Map.of("bytes", 412.0),
                "response", Map.of("status_code", 201L, "bytes", "318")));
        doc.put("event", Map.of("duration", 1.02E8));

        LogRecord record = EcsCodec.fromDocument(doc);

        assertThat(record.id()).isEqualTo(84321L);
        assertThat(record.tsMs()).isEqualTo(1718201234000L);
        assertThat(record.level()).isEqualTo(Level.INFO);
        assertThat(record.bytesIn()).isEqualTo(412L);
        assertThat(record.status()).isEqualTo(201);
        assertThat(record.bytesOut()).isEqualTo(318L);
        assertThat(record.durationMs()).isEqualTo(102L);
    }

    @Test
    void readsTimestampsAsIsoStringsEpochMillisOrEpochMillisStrings() {
        for (Object ts : new Object[]{"2024-06-12T14:07:14.102Z", "2024-06-12T16:07:14.102+02:00",
                1718201234102L, 1718201234102.0, "1718201234102", "2024-06-12T14:07:14.102"}) {
            Map<String, Object> doc = minimalDocument();
            doc.put("@timestamp", ts);

            assertThat(EcsCodec.fromDocument(doc).tsMs()).as("%s", ts).isEqualTo(1718201234102L);
        }
    }

    @Test
    void readsFieldsSentWithDottedKeysLikeLogstashMayProduce() {
        Map<String, Object> doc = new HashMap<>();
        doc.put("tapline.id", 5);
        doc.put("tapline.kind", "request");
        doc.put("@timestamp", "2024-06-12T14:07:14.000Z");
        doc.put("log.level", "error");
        doc.put("http", Map.of("request.method", "GET"));

        LogRecord record = EcsCodec.fromDocument(doc);

        assertThat(record.id()).isEqualTo(5L);
        assertThat(record.level()).isEqualTo(Level.ERROR);
        assertThat(record.method()).isEqualTo("GET");
    }

    @Test
    void missingOptionalFieldsReadAsNull() {
        LogRecord record = EcsCodec.fromDocument(minimalDocument());

        assertThat(record.traceId()).isNull();
        assertThat(record.status()).isNull();
        assertThat(record.requestBody()).isNull();
        assertThat(record.requestHeaders()).isEmpty();
        assertThat(record.enrichment()).isEmpty();
    }

    @Test
    void anUnknownKindIsRejectedNamingTheField() {
        Map<String, Object> doc = minimalDocument();
        doc.put("tapline", Map.of("id", 1, "kind", "telegram"));

        assertThatThrownBy(() -> EcsCodec.fromDocument(doc))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tapline.kind").hasMessageContaining("telegram");
    }

    @Test
    void anUnknownLevelIsRejectedNamingTheField() {
        Map<String, Object> doc = minimalDocument();
        doc.put("log", Map.of("level", "loud"));

        assertThatThrownBy(() -> EcsCodec.fromDocument(doc))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("log.level");
    }

    @Test
    void aMissingRequiredFieldIsRejectedNamingIt() {
        Map<String, Object> doc = minimalDocument();
        doc.remove("@timestamp");

        assertThatThrownBy(() -> EcsCodec.fromDocument(doc))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("@timestamp");
    }

    @Test
    void aFractionalIdIsRejectedNamingTheField() {
        Map<String, Object> doc = minimalDocument();
        doc.put("tapline", Map.of("id", 1.5, "kind", "event"));

        assertThatThrownBy(() -> EcsCodec.fromDocument(doc))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tapline.id");
    }

    @Test
    void theDocumentIsMutableSoTheFilterCanEnrichIt() {
        Map<String, Object> doc = EcsCodec.toDocument(SampleRecords.full());

        @SuppressWarnings("unchecked")
        Map<String, Object> enrichment = (Map<String, Object>) at(doc, "tapline.enrichment");
        enrichment.put("pattern_id", "p-1");

        assertThat(EcsCodec.fromDocument(doc).enrichment()).containsEntry("pattern_id", "p-1");
    }

    private static Map<String, Object> minimalDocument() {
        return EcsCodec.toDocument(SampleRecords.minimal());
    }

    static Object at(Map<String, Object> doc, String dottedPath) {
        Object node = doc;
        for (String segment : dottedPath.split("\\.")) {
            assertThat(node).as("parent of %s in %s", segment, dottedPath).isInstanceOf(Map.class);
            node = ((Map<?, ?>) node).get(segment);
        }
        return node;
    }
}
