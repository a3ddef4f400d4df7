package io.tapline.logstash;

import co.elastic.logstash.api.Event;
import io.tapline.enrich.Enricher;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the real core, the filter reads only the fields the core needs and writes back exactly the fields the core
 * changed, each once, the core's own under {@code tapline.enrichment} as one object, and nothing else.
 */
class WriteBackTest {
    private final TaplineEnrich filter =
            new TaplineEnrich("tapline_enrich_1", new MapConfiguration(Map.of()), new TestContext());

    @Test
    void writesBackExactlyTheFieldsTheCoreChanged() {
        for (String line : SampleDocuments.lines()) {
            Map<String, Object> original = SampleDocuments.document(line);
            Map<String, Object> direct = Enricher.withDefaults().enrich(SampleDocuments.document(line));
            RecordingEvent event = logstashEvent(line);
            event.forget();

            filter.filter(List.of(event), e -> { });

            assertThat(event.setReferences).as(line).doesNotHaveDuplicates().contains("[tapline][enrichment]")
                    .doesNotContain("[tapline]", "[url]", "[http]", "[user_agent]", "[log]", "[message]",
                            "[@timestamp]", "[service]");
            for (String reference : event.setReferences) {
                String[] keys = FieldReference.parse(reference).toArray(new String[0]);
                assertThat(value(direct, keys)).as(reference).isNotEqualTo(value(original, keys))
                        .isEqualTo(event.getField(reference));
            }
        }
    }

    @Test
    void readsOnlyTheFieldsTheCoreNeedsEachOnceAndNeverTheWholeEvent() {
        for (String line : SampleDocuments.lines()) {
            RecordingEvent event = logstashEvent(line);
            event.forget();

            filter.filter(List.of(event), e -> { });

            assertThat(event.toMapCalls).as(line).isZero();
            assertThat(event.getReferences).as(line).doesNotHaveDuplicates()
                    .doesNotContain("[@timestamp]", "[@version]", "[trace][id]", "[tapline][id]", "[container][id]",
                            "[tapline]", "[url]", "[http]", "[user_agent]", "[service]", "[client]", "[event]");
        }
    }

    @Test
    void capturedBodiesWithoutSecretsAreNotWrittenBack() {
        RecordingEvent event = logstashEvent(SampleDocuments.lines().get(1));
        event.setField("[http][response][body][content]", "{\"id\":42}");
        event.forget();

        filter.filter(List.of(event), e -> { });

        assertThat(event.setReferences).noneMatch(reference -> reference.startsWith("[http]"));
        assertThat(event.getField("[http][response][body][content]")).isEqualTo("{\"id\":42}");
    }

    @Test
    void anEventAlreadyEnrichedGetsNoWritesAndLosesOnlyItsVersion() {
        RecordingEvent event = logstashEvent(SampleDocuments.lines().get(0));
        filter.filter(List.of(event), e -> { });
        Map<String, Object> once = event.toMap();
        event.setField("@version", "1");
        event.forget();
        List<Event> matched = new ArrayList<>();

        filter.filter(List.of(event), matched::add);

        assertThat(event.setReferences).isEmpty();
        assertThat(event.toMap()).isEqualTo(once);
        assertThat(matched).containsExactly(event);
    }

    private static RecordingEvent logstashEvent(String line) {
        RecordingEvent event = new RecordingEvent(SampleDocuments.document(line));
        event.setEventTimestamp(Instant.parse((String) event.getData().get("@timestamp")));
        event.setField("@version", "1");
        return event;
    }

    private static Object value(Map<String, Object> document, String[] keys) {
        Object node = document;
        for (String key : keys) {
            node = node instanceof Map ? ((Map<?, ?>) node).get(key) : null;
        }
        return node;
    }
}
