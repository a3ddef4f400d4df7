package io.tapline.schema;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTest {

    @Test
    void neverWritesNullsNotEvenInsideMaps() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("kept", 1);
        inner.put("dropped", null);
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("inner", inner);
        outer.put("gone", null);

        assertThat(Json.write(outer)).isEqualTo("{\"inner\":{\"kept\":1}}");
    }

    @Test
    void enrichmentNullsAreOmittedFromEveryShape() {
        Map<String, Object> enrichment = new LinkedHashMap<>();
        enrichment.put("route", "a");
        enrichment.put("class", null);
        LogRecord record = SampleRecords.minimal().toBuilder().enrichment(enrichment).build();

        assertThat(EcsCodec.toDocument(record).get("tapline")).isEqualTo(Map.of("id", 7L, "kind", "event",
                "enrichment", Map.of("route", "a")));
        assertThat(ApiCodec.toEntry(record, false, false).get("enrichment")).isEqualTo(Map.of("route", "a"));
        assertThat(WireCodec.toLine(record)).doesNotContain("null");
    }

    @Test
    void writesCompactSingleLineJson() {
        assertThat(Json.write(Map.of("a", Arrays.asList(1, 2)))).isEqualTo("{\"a\":[1,2]}");
    }
}
