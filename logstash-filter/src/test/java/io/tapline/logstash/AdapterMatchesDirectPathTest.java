package io.tapline.logstash;

import co.elastic.logstash.api.Event;
import io.tapline.enrich.Enricher;
import io.tapline.enrich.EnrichmentConfig;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.schema.Source;
import io.tapline.schema.WireCodec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
     * A stream that repeats its targets as traffic does (each exchange's request and response, hot endpoints, the
     * same secrets and probes again): the core keeps what it derives from recent targets, so the adapter, fed the
     * stream in order, must still store what the direct path stores fed it backwards, from other recent targets.
     */
    @Test
    void aStreamRepeatingItsTargetsIsStoredAsTheDirectPathStoresIt() {
        List<String> targets = List.of("/v1/users/42/orders/9f1c2b7e4d5a6f70?api_key=s3cr3t&page=2", "/v1/users/42",
                "/../../etc/passwd?q=%27%20OR%201=1--", "https://user:pw@api.example.com:8443/a/b.JSON?token=t#x",
                "/static/app.3f2a9c1d.js", "/search?q=<script>alert(1)</script>", "*", "/caf\u00e9/men\u00fc.pdf");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            String target = i % 7 == 0 ? "/v1/items/" + i + "?access_token=" + i : targets.get(i % targets.size());
            for (Kind kind : new Kind[]{Kind.REQUEST, Kind.RESPONSE}) {
                LogRecord.Builder record = LogRecord.builder().id(i * 2L + kind.ordinal()).tsMs(1_767_225_600_123L)
                        .kind(kind).level(Level.INFO).projectId("proj_a1b2c3d4").serviceName("user-api")
                        .source(Source.BACKEND).method(i % 3 == 0 ? "POST" : "GET").url(target);
                lines.add(WireCodec.toLine(kind == Kind.RESPONSE ? record.status(200 + i % 4 * 100).build()
                        : record.build()));
            }
        }
        Enricher core = Enricher.withDefaults();
        List<Map<String, Object>> direct = new ArrayList<>(Collections.nCopies(lines.size(), null));
        for (int i = lines.size() - 1; i >= 0; i--) {
            direct.set(i, core.enrich(SampleDocuments.document(lines.get(i))));
        }
        TaplineEnrich filter = new TaplineEnrich("tapline_enrich_1", new MapConfiguration(Map.of()), context);
        for (int from = 0; from < lines.size(); from += 125) {
            List<Event> batch = new ArrayList<>();
            for (String line : lines.subList(from, Math.min(lines.size(), from + 125))) {
                batch.add(asLogstashEvent(SampleDocuments.document(line)));
            }
            filter.filter(batch, e -> { });
            for (int i = 0; i < batch.size(); i++) {
                assertThat(storedForm(batch.get(i))).as("record %d", from + i).isEqualTo(direct.get(from + i));
            }
        }
        assertThat(direct.get(0).toString()).contains("[REDACTED]").doesNotContain("s3cr3t");
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
