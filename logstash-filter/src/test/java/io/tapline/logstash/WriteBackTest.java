package io.tapline.logstash;

import co.elastic.logstash.api.Event;
import io.tapline.enrich.Enricher;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With the real core, the filter writes back exactly the top-level fields the core changed, and nothing else. */
class WriteBackTest {
    private final TaplineEnrich filter =
            new TaplineEnrich("tapline_enrich_1", new MapConfiguration(Map.of()), new TestContext());

    @Test
    void writesBackExactlyTheTopLevelFieldsTheCoreChanged() {
        for (String line : SampleDocuments.lines()) {
            List<String> expected = new ArrayList<>();
            for (String key : Enricher.withDefaults().enrichReportingChanges(SampleDocuments.document(line))) {
                expected.add("[" + key + "]");
            }
            RecordingEvent event = logstashEvent(line);
            event.setReferences.clear();

            filter.filter(List.of(event), e -> { });

            assertThat(event.setReferences).as(line).containsExactlyElementsOf(expected)
                    .contains("[tapline]").doesNotContain("[message]", "[@timestamp]", "[service]");
        }
    }

    @Test
    void capturedBodiesWithoutSecretsAreNotWrittenBack() {
        RecordingEvent event = logstashEvent(SampleDocuments.lines().get(1));
        event.setField("[http][response][body][content]", "{\"id\":42}");
        event.setReferences.clear();

        filter.filter(List.of(event), e -> { });

        assertThat(event.setReferences).doesNotContain("[http]");
        assertThat(event.getField("[http][response][body][content]")).isEqualTo("{\"id\":42}");
    }

    @Test
    void anEventAlreadyEnrichedGetsNoWritesAndLosesOnlyItsVersion() {
        RecordingEvent event = logstashEvent(SampleDocuments.lines().get(0));
        filter.filter(List.of(event), e -> { });
        Map<String, Object> once = event.toMap();
        event.setField("@version", "1");
        event.setReferences.clear();
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
}
