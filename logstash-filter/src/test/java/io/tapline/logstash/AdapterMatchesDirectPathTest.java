package io.tapline.logstash;

import co.elastic.logstash.api.Event;
import io.tapline.enrich.Enricher;
import io.tapline.enrich.EnrichmentConfig;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The same wire line through Logstash (json_lines, tapline_enrich) and through the direct sink's core. */
class AdapterMatchesDirectPathTest {
    private final TestContext context = new TestContext();

    @Test
    void theAdapterStoresExactlyTheDocumentTheDirectPathStores() {
        List<Event> events = new ArrayList<>();
        List<Map<String, Object>> direct = new ArrayList<>();
        Enricher core = Enricher.withDefaults();
        for (String line : SampleDocuments.lines()) {
            direct.add(core.enrich(SampleDocuments.document(line)));
            events.add(asLogstashEvent(SampleDocuments.document(line)));
        }
        List<Event> matched = new ArrayList<>();
        TaplineEnrich filter = new TaplineEnrich("tapline_enrich_1", new MapConfiguration(Map.of()), context);

        filter.filter(events, matched::add);

        assertThat(matched).containsExactlyElementsOf(events);
        for (int i = 0; i < events.size(); i++) {
            assertThat(storedForm(events.get(i))).as("record %d", i).isEqualTo(direct.get(i));
        }
        assertThat(direct.get(0)).as("the core did enrich").isNotEqualTo(SampleDocuments.document(
                SampleDocuments.lines().get(0)));
        assertThat(context.debugLines()).isEmpty();
    }

    /**
     * Values that are not objects where the core's objects would be: the direct path leaves them alone, and the
     * adapter must too, never setting a field through one (Logstash's setField would fail there).
     */
    @Test
    void oddShapesAreStoredAsTheDirectPathStoresThem() {
        List<String> documents = List.of(
                "{'@timestamp':'2026-01-01T00:00:00.123Z','tapline':'not an object','log':'error',"
                        + "'url':{'original':'/a/1'},'user_agent':'curl/8.5.0',"
                        + "'http':{'request':{'method':'GET','headers':'Authorization: Bearer x'}}}",
                "{'@timestamp':'2026-01-01T00:00:00.123Z','tapline':{'kind':'response'},'log':['info'],"
                        + "'url':'/a/1','client':{'ip':'10.0.0.1'},'http':{'response':{'status_code':500}},"
                        + "'user_agent':{'original':'curl/8.5.0'}}",
                "{'@timestamp':'2026-01-01T00:00:00.123Z','tapline':{'kind':'request','enrichment':'stale'},"
                        + "'log':{'logger':'x'},'url':{'original':'https://h:8443/a/b.json?token=1'},"
                        + "'http':{'request':{'method':'POST','headers':{'Authorization':'Bearer x'},"
                        + "'mime_type':'application/json','body':{'content':'{\\'password\\':\\'p\\'}'}}}}",
                "{'@timestamp':'2026-01-01T00:00:00.123Z','message':'[ERROR] boom','tapline':{'kind':'event'}}");
        TaplineEnrich filter = new TaplineEnrich("tapline_enrich_1", new MapConfiguration(Map.of()), context);
        for (String json : documents) {
            String line = json.replace('\'', '"');
            Event event = asLogstashEvent(SampleDocuments.document(line));
            List<Event> matched = new ArrayList<>();

            filter.filter(List.of(event), matched::add);

            assertThat(matched).as(line).containsExactly(event);
            assertThat(storedForm(event)).as(line).isEqualTo(Enricher.withDefaults()
                    .enrich(SampleDocuments.document(line)));
        }
        assertThat(context.debugLines()).isEmpty();
    }

    @Test
    void enrichingAnEnrichedEventAgainChangesNothing() {
        Event event = asLogstashEvent(SampleDocuments.document(SampleDocuments.lines().get(2)));
        TaplineEnrich filter = new TaplineEnrich("tapline_enrich_1", new MapConfiguration(Map.of()), context);
        filter.filter(List.of(event), e -> { });
        Map<String, Object> once = event.toMap();
        filter.filter(List.of(event), e -> { });
        assertThat(event.toMap()).isEqualTo(once);
    }

    @Test
    void theSettingsReachTheCore() {
        String slowResponse = SampleDocuments.lines().get(1); // 1,250 ms, service user-api
        Map<String, Object> settings = Map.of("slow_threshold_ms", 5_000, "slow_thresholds_ms",
                Map.of("other-api", 100), "redact_headers", List.of("x-tenant-secret"));
        Event event = asLogstashEvent(SampleDocuments.document(slowResponse));
        new TaplineEnrich("t", new MapConfiguration(settings), context).filter(List.of(event), e -> { });

        Map<String, Object> expected = new Enricher(EnrichmentConfig.fromSettings(settings))
                .enrich(SampleDocuments.document(slowResponse));
        assertThat(storedForm(event)).isEqualTo(expected);
        assertThat(event.getField("[tapline][enrichment][slow]")).isNull();

        Event tighter = asLogstashEvent(SampleDocuments.document(slowResponse));
        new TaplineEnrich("t", new MapConfiguration(Map.of("slow_thresholds_ms", Map.of("user-api", 1_000))),
                context).filter(List.of(tighter), e -> { });
        assertThat(tighter.getField("[tapline][enrichment][slow]")).isEqualTo(true);
    }

    /** What Logstash makes of a json_lines line: its own Timestamp object and a @version. */
    private static Event asLogstashEvent(Map<String, Object> document) {
        MapEvent event = new MapEvent(document);
        event.setEventTimestamp(Instant.parse((String) document.get("@timestamp")));
        event.setField("@version", "1");
        return event;
    }

    /** The document Logstash's elasticsearch output sends, with @timestamp in its JSON form. */
    private static Map<String, Object> storedForm(Event event) {
        Map<String, Object> document = event.toMap();
        document.put("@timestamp", event.getEventTimestamp().toString());
        return document;
    }
}
