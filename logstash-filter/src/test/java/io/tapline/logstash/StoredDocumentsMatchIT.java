package io.tapline.logstash;

import co.elastic.logstash.api.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.enrich.Enricher;
import io.tapline.proxy.sink.EnrichedDocuments;
import io.tapline.schema.IndexNames;
import io.tapline.schema.LogRecord;
import io.tapline.schema.WireCodec;
import io.tapline.store.BulkIndexer;
import io.tapline.store.BulkResult;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.RetryPolicy;
import io.tapline.store.SchemaInstaller;
import io.tapline.store.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same wire lines stored twice in a real Elasticsearch node under Tapline's strict template: once by the
 * direct sink's indexer (enriched in-process), once as Logstash would (json_lines → tapline_enrich → the
 * elasticsearch output). The two stored {@code _source}s are identical.
 */
@ExtendWith(EmbeddedElasticsearchExtension.class)
class StoredDocumentsMatchIT {
    private static final String LOGSTASH_INDEX = IndexNames.PREFIX + "via-logstash";
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theAdapterPathAndTheDirectPathStoreIdenticalDocuments(URI es) throws Exception {
        List<String> lines = SampleDocuments.lines();
        List<LogRecord> records = new ArrayList<>();
        lines.forEach(l -> records.add(WireCodec.fromLine(l)));
        try (ElasticsearchConnection conn = ElasticsearchConnection.open(StoreConfig.of(es), mapper)) {
            new SchemaInstaller(conn, mapper, "30d").install();
            // direct: what `tapline serve` does with TAPLINE_SINK=direct
            BulkResult direct = new BulkIndexer(conn, mapper, RetryPolicy.defaults(), 100, 1 << 20,
                    new EnrichedDocuments(Enricher.withDefaults()::enrich)).index(records);
            assertThat(direct.rejected()).isEmpty();
        }
        // through Logstash: the event json_lines makes of each line, the plugin, then the output's bulk call
        TaplineEnrich plugin = new TaplineEnrich("tapline_enrich_1", new MapConfiguration(Map.of()), new TestContext());
        StringBuilder bulk = new StringBuilder();
        for (String line : lines) {
            MapEvent event = new MapEvent(SampleDocuments.document(line));
            event.setEventTimestamp(Instant.parse((String) event.getField("@timestamp")));
            event.setField("@version", "1");
            List<Event> matched = new ArrayList<>();
            plugin.filter(List.of(event), matched::add);
            assertThat(matched).hasSize(1);
            Map<String, Object> source = event.toMap();
            source.put("@timestamp", event.getEventTimestamp().toString());
            bulk.append("{\"index\":{\"_index\":\"").append(LOGSTASH_INDEX).append("\",\"_id\":\"")
                    .append(event.getField("[tapline][id]")).append("\"}}\n").append(mapper.writeValueAsString(source))
                    .append('\n');
        }
        HttpResponse<String> indexed = http.send(HttpRequest.newBuilder(es.resolve("/_bulk?refresh=true"))
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(bulk.toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(indexed.body()).as("the strict template took every adapter document").contains("\"errors\":false");
        http.send(HttpRequest.newBuilder(es.resolve("/" + IndexNames.PATTERN + "/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        for (LogRecord r : records) {
            JsonNode viaDirect = source(es, IndexNames.dailyIndex(r.tsMs()), r.id());
            JsonNode viaLogstash = source(es, LOGSTASH_INDEX, r.id());
            assertThat(viaLogstash).as("record %d", r.id()).isEqualTo(viaDirect);
            assertThat(viaDirect.path("tapline").has("enrichment")).as("enriched").isTrue();
        }
    }

    private JsonNode source(URI es, String index, long id) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(es.resolve("/" + index + "/_doc/" + id)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return mapper.readTree(r.body()).get("_source");
    }
}
