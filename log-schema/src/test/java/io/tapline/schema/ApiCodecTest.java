package io.tapline.schema;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiCodecTest {
    /**
     * Seed 004's first example entry, verbatim but for whitespace and one correction: the seed shows
     * {@code "tsIso":"2024-06-12T14:33:54.000Z"} next to {@code "tsMs":1718201234000}, which is 14:07:14Z.
     * tsIso is derived from tsMs, so it is the seed's tsIso that is wrong.
     */
    private static final String SEED_ENTRY = "{\"id\":84321,\"traceId\":\"f47ac10b-58cc-4372-a567-0e02b2c3d479\","
            + "\"tsMs\":1718201234000,\"tsIso\":\"2024-06-12T14:07:14.000Z\",\"kind\":\"request\",\"level\":\"info\","
            + "\"projectId\":\"proj_a1b2c3d4\",\"containerId\":\"cnt_x9y8z7w6\",\"serviceName\":\"user-api\","
            + "\"method\":\"POST\",\"url\":\"/v1/users\",\"clientIp\":\"203.0.113.42\",\"status\":201,"
            + "\"data\":{\"bytesIn\":412,\"userAgent\":\"Hoody-CLI/1.4.2\"},\"source\":\"backend\"}";

    private static final LogRecord SEED_RECORD = LogRecord.builder()
            .id(84321L).traceId("f47ac10b-58cc-4372-a567-0e02b2c3d479").tsMs(1718201234000L)
            .kind(Kind.REQUEST).level(Level.INFO).projectId("proj_a1b2c3d4").containerId("cnt_x9y8z7w6")
            .serviceName("user-api").method("POST").url("/v1/users").clientIp("203.0.113.42").status(201)
            .bytesIn(412L).userAgent("Hoody-CLI/1.4.2").source(Source.BACKEND).build();

    @Test
    void writesSeed004sExampleEntryByteForByte() {
        assertThat(Json.write(ApiCodec.toEntry(SEED_RECORD, false, false))).isEqualTo(SEED_ENTRY);
    }

    @Test
    void readsSeed004sExampleEntryIntoTheSameRecord() {
        assertThat(ApiCodec.fromEntry(Json.readObject(SEED_ENTRY))).isEqualTo(SEED_RECORD);
    }

    @Test
    void everyFieldSurvivesTheApiRoundTripWhenBodiesAreIncluded() {
        LogRecord record = SampleRecords.full();

        assertThat(ApiCodec.fromEntry(ApiCodec.toEntry(record, true, true))).isEqualTo(record);
    }

    @Test
    void everyFieldSurvivesTheApiRoundTripThroughJsonText() {
        LogRecord record = SampleRecords.full();

        assertThat(ApiCodec.fromEntry(Json.readObject(Json.write(ApiCodec.toEntry(record, true, true)))))
                .isEqualTo(record);
    }

    @Test
    void keysFollowSeed004sOrderWithTheExtrasAfterSource() {
        Map<String, Object> entry = ApiCodec.toEntry(SampleRecords.full(), true, true);

        assertThat(entry.keySet()).containsExactly("id", "traceId", "tsMs", "tsIso", "kind", "level", "projectId",
                "containerId", "serviceName", "method", "url", "clientIp", "status", "data", "source",
                "action", "message", "headers", "requestBody", "responseBody", "enrichment");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) entry.get("data");
        assertThat(data.keySet()).containsExactly("bytesIn", "bytesOut", "durationMs", "userAgent");
    }

    @Test
    void aMinimalRecordHasOnlyItsRequiredKeysAndAnEmptyDataObject() {
        LogRecord record = SampleRecords.minimal();
        Map<String, Object> entry = ApiCodec.toEntry(record, true, true);

        assertThat(Json.write(entry)).isEqualTo("{\"id\":7,\"tsMs\":1718201234000,\"tsIso\":\"2024-06-12T14:07:14.000Z\","
                + "\"kind\":\"event\",\"level\":\"info\",\"data\":{}}");
        assertThat(entry).doesNotContainValue(null);
        assertThat(ApiCodec.fromEntry(entry)).isEqualTo(record);
    }

    @Test
    void bodiesAreReturnedOnlyWhenAskedFor() {
        LogRecord record = SampleRecords.full();

        assertThat(ApiCodec.toEntry(record, false, false)).doesNotContainKeys("requestBody", "responseBody");
        assertThat(ApiCodec.toEntry(record, true, false)).containsKey("requestBody").doesNotContainKey("responseBody");
        assertThat(ApiCodec.toEntry(record, false, true)).containsKey("responseBody").doesNotContainKey("requestBody");
    }

    @Test
    void writesBodiesAsContentTruncatedAndContentType() {
        Map<String, Object> entry = ApiCodec.toEntry(SampleRecords.full(), true, true);

        assertThat(entry.get("responseBody")).isEqualTo(Map.of("content", "{\"id\":7,\"na", "truncated", true,
                "contentType", "application/json; charset=utf-8"));
    }

    @Test
    void writesTsIsoInUtcWithMillisecondsFromTsMs() {
        LogRecord record = SampleRecords.minimal().toBuilder().tsMs(1718201234102L).build();

        assertThat(ApiCodec.toEntry(record, false, false))
                .containsEntry("tsMs", 1718201234102L).containsEntry("tsIso", "2024-06-12T14:07:14.102Z");
    }

    @Test
    void keepsDurationInMillisecondsUnderData() {
        LogRecord record = SampleRecords.minimal().toBuilder().durationMs(102L).build();

        assertThat(ApiCodec.toEntry(record, false, false).get("data")).isEqualTo(Map.of("durationMs", 102L));
    }

    @Test
    void readsTheTimeFromTsIsoWhenTsMsIsMissing() {
        Map<String, Object> entry = ApiCodec.toEntry(SampleRecords.minimal(), false, false);
        entry.remove("tsMs");

        assertThat(ApiCodec.fromEntry(entry).tsMs()).isEqualTo(1718201234000L);
    }

    @Test
    void anUnknownKindInAnEntryIsRejectedNamingTheField() {
        Map<String, Object> entry = ApiCodec.toEntry(SampleRecords.minimal(), false, false);
        entry.put("kind", "telegram");

        assertThatThrownBy(() -> ApiCodec.fromEntry(entry))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("kind ");
    }

    @Test
    void aBodyThatIsNotAnObjectIsRejectedNamingTheField() {
        Map<String, Object> entry = ApiCodec.toEntry(SampleRecords.minimal(), false, false);
        entry.put("requestBody", "text");

        assertThatThrownBy(() -> ApiCodec.fromEntry(entry))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestBody");
    }
}
