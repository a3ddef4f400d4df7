package io.tapline.logstash;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test Event behaves like Logstash's where the adapter can tell. */
class MapEventTest {

    @Test
    void fieldReferencesReachNestedAndTopLevelFields() {
        MapEvent event = new MapEvent();
        event.setField("[http][response][status_code]", 503);
        event.setField("message", "hi");
        assertThat(event.getField("[http][response][status_code]")).isEqualTo(503);
        assertThat(event.getField("[message]")).isEqualTo("hi");
        assertThat(event.includes("[http][response]")).isTrue();
        assertThat(event.includes("[http][request]")).isFalse();
        assertThat(event.remove("[http][response][status_code]")).isEqualTo(503);
        assertThat(event.getField("[http][response]")).isEqualTo(Map.of());
        assertThatThrownBy(() -> event.getField("[a]b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingAFieldThroughAValueThatIsNotAnObjectFailsAsLogstashDoes() {
        MapEvent event = new MapEvent(new LinkedHashMap<>(Map.of("log", "error")));
        assertThatThrownBy(() -> event.setField("[log][level]", "warn")).isInstanceOf(IllegalStateException.class);
        assertThat(event.getField("[log][level]")).isNull();
        assertThat(event.getField("log")).isEqualTo("error");
        event.setField("[tapline][enrichment][route]", "/a");
        assertThat(event.getField("[tapline]")).isEqualTo(Map.of("enrichment", Map.of("route", "/a")));
    }

    @Test
    void metadataIsApartFromTheDataAndOutOfToMap() {
        Map<String, Object> data = new LinkedHashMap<>(Map.of("a", 1));
        data.put("@metadata", new LinkedHashMap<>(Map.of("k", "v")));
        MapEvent event = new MapEvent(data);
        event.setField("[@metadata][input][port]", 5044);
        assertThat(event.getField("[@metadata][k]")).isEqualTo("v");
        assertThat(event.getMetadata()).containsEntry("input", Map.of("port", 5044));
        assertThat(event.toMap()).isEqualTo(Map.of("a", 1));
    }

    @Test
    void copiesGoInAndOutSoCallersCannotReachTheEventsState() {
        MapEvent event = new MapEvent();
        Map<String, Object> nested = new LinkedHashMap<>(Map.of("x", 1));
        event.setField("n", nested);
        nested.put("y", 2);
        event.toMap().put("z", 3);
        assertThat(event.getData()).isEqualTo(Map.of("n", Map.of("x", 1)));
    }

    @Test
    void tagsAreAListWithoutRepeatsAndCancelIsReversible() {
        MapEvent event = new MapEvent(new LinkedHashMap<>(Map.of("tags", "first")));
        event.tag("second");
        event.tag("second");
        assertThat(event.getField("tags")).isEqualTo(List.of("first", "second"));
        event.cancel();
        assertThat(event.isCancelled()).isTrue();
        event.uncancel();
        assertThat(event.isCancelled()).isFalse();
        assertThat(event.sprintf("%{[tags]} and %{+YYYY}")).isEqualTo("[first, second] and %{+YYYY}");
    }
}
