package io.tapline.logstash;

import co.elastic.logstash.api.Event;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** The adapter's contract with Logstash, shown with a stand-in core so each behaviour is isolated. */
class TaplineEnrichTest {
    private final TestContext context = new TestContext();
    private final List<Event> matched = new ArrayList<>();

    @Test
    void writesBackAddedAndChangedTopLevelFieldsAndRemovesDeletedOnes() {
        RecordingEvent event = new RecordingEvent(document());
        filterWith(doc -> {
            nested(doc, "tapline").put("route", "/v1/users/{id}");
            doc.put("url", Map.of("original", "/v1/users/42", "path", "/v1/users/42"));
            doc.remove("message");
            return doc;
        }, event);

        assertThat(event.getField("[tapline][route]")).isEqualTo("/v1/users/{id}");
        assertThat(event.getField("[tapline][id]")).isEqualTo(7L);
        assertThat(event.getField("[url][path]")).isEqualTo("/v1/users/42");
        assertThat(event.includes("message")).isFalse();
        assertThat(event.setReferences).containsExactlyInAnyOrder("[tapline]", "[url]");
        assertThat(matched).containsExactly(event);
    }

    @Test
    void removesLogstashVersionAndLeavesLogstashTimestampAlone() {
        Instant logstashTimestamp = Instant.parse("2026-01-01T00:00:00.123Z");
        MapEvent event = new MapEvent(document());
        event.setField("@version", "1");
        event.setEventTimestamp(logstashTimestamp);
        List<Map<String, Object>> seen = new ArrayList<>();
        filterWith(doc -> {
            seen.add(new LinkedHashMap<>(doc));
            doc.put("@timestamp", "1999-01-01T00:00:00Z");
            return doc;
        }, event);

        assertThat(seen.get(0)).doesNotContainKey("@version").containsEntry("@timestamp", "2026-01-01T00:00:00.123Z");
        assertThat(event.includes("@version")).isFalse();
        assertThat(event.getField("@timestamp")).isSameAs(logstashTimestamp);
    }

    @Test
    void anEventTheCoreCannotEnrichIsTaggedPassedOnUnchangedAndLogged() {
        Map<String, Object> original = document();
        original.put("tags", new ArrayList<>(List.of("from_edge")));
        original.put("@version", "1");
        MapEvent event = new MapEvent(copy(original));
        List<Event> out = filterWith(doc -> {
            doc.put("half", "written");
            throw new IllegalStateException("boom");
        }, event);

        assertThat(out).containsExactly(event);
        assertThat(matched).isEmpty();
        Map<String, Object> expected = copy(original);
        expected.put("tags", List.of("from_edge", TaplineEnrich.FAILURE_TAG));
        assertThat(event.getData()).isEqualTo(expected);
        assertThat(event.isCancelled()).isFalse();
        assertThat(context.debugLines()).singleElement().asString().contains("boom", TaplineEnrich.FAILURE_TAG);
    }

    @Test
    void oneBadEventInABatchDoesNotStopTheOthers() {
        MapEvent good1 = new MapEvent(document());
        MapEvent bad = new MapEvent(document());
        bad.setField("[tapline][kind]", "poison");
        MapEvent good2 = new MapEvent(document());
        List<Event> out = filterWith(doc -> {
            if ("poison".equals(nested(doc, "tapline").get("kind"))) {
                throw new IllegalArgumentException("poison");
            }
            doc.put("enriched", true);
            return doc;
        }, good1, bad, good2);

        assertThat(out).containsExactly(good1, bad, good2);
        assertThat(matched).containsExactly(good1, good2);
        assertThat(good2.getField("enriched")).isEqualTo(true);
        assertThat(bad.getField("tags")).isEqualTo(List.of(TaplineEnrich.FAILURE_TAG));
    }

    @Test
    void aFailingEventIsTaggedOnceHoweverOftenItFails() {
        MapEvent event = new MapEvent(document());
        UnaryOperator<Map<String, Object>> failing = doc -> {
            throw new IllegalArgumentException("no");
        };
        filterWith(failing, event);
        filterWith(failing, event);
        assertThat(event.getField("tags")).isEqualTo(List.of(TaplineEnrich.FAILURE_TAG));
    }

    @Test
    void metadataStaysOutOfTheDocumentAndUntouched() {
        MapEvent event = new MapEvent(document());
        event.setField("[@metadata][input][tcp][source][ip]", "10.0.0.9");
        List<Map<String, Object>> seen = new ArrayList<>();
        filterWith(doc -> {
            seen.add(doc);
            return doc;
        }, event);

        assertThat(seen.get(0)).doesNotContainKey("@metadata");
        assertThat(event.getField("[@metadata][input][tcp][source][ip]")).isEqualTo("10.0.0.9");
        assertThat(event.getData()).doesNotContainKey("@metadata");
    }

    @Test
    void aCoreThatReturnsANewMapIsHonoured() {
        MapEvent event = new MapEvent(document());
        filterWith(doc -> Map.of("@timestamp", "x", "only", "this"), event);
        assertThat(event.getData()).containsOnlyKeys("@timestamp", "only");
    }

    private List<Event> filterWith(UnaryOperator<Map<String, Object>> core, Event... events) {
        TaplineEnrich filter = new TaplineEnrich("tapline_enrich_1", core, context.getLogger(null));
        return new ArrayList<>(filter.filter(new ArrayList<>(List.of(events)), matched::add));
    }

    static Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", "2026-01-01T00:00:00.123Z");
        doc.put("tapline", new LinkedHashMap<>(Map.of("id", 7L, "kind", "request")));
        doc.put("url", new LinkedHashMap<>(Map.of("original", "/v1/users/42")));
        doc.put("message", "hello");
        doc.put("service", new LinkedHashMap<>(Map.of("name", "user-api")));
        return doc;
    }

    private static Map<String, Object> copy(Map<String, Object> map) {
        return DeepCopy.of(map);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nested(Map<String, Object> doc, String key) {
        return (Map<String, Object>) doc.get(key);
    }
}
