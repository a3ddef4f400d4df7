package io.tapline.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import io.tapline.schema.IndexNames;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every line of tapline.ndjson is a Kibana 8.x saved object of the expected shape, under a stable id. */
class SavedObjectsTest {
    private final List<SavedObject> objects = Bundle.shipped();

    @Test
    void everyLineParsesAsASavedObjectAndTheIdsAreTheStableOnes() {
        String file = new String(KibanaObjects.ndjson(), StandardCharsets.UTF_8);
        assertThat(file).endsWith("\n");
        assertThat(file.split("\n")).hasSize(objects.size()).allSatisfy(line -> assertThat(line).startsWith("{"));
        assertThat(objects).extracting(SavedObject::describe).containsExactly(
                "index-pattern tapline-logs",
                "search tapline-search-errors",
                "search tapline-search-slow-requests",
                "search tapline-search-trace",
                "lens tapline-lens-requests-by-level",
                "lens tapline-lens-error-rate-by-service",
                "lens tapline-lens-latency-by-route",
                "lens tapline-lens-status-codes",
                "lens tapline-lens-top-client-ips",
                "lens tapline-lens-top-routes",
                "lens tapline-lens-threat-flags",
                "dashboard tapline-dashboard-traffic");
        assertThat(KibanaObjects.parse(KibanaObjects.toNdjson(objects))).isEqualTo(objects);
    }

    @Test
    void theDataViewTargetsTaplinesDailyIndicesWithTimestampAsItsTimeField() {
        JsonNode dataView = Bundle.get("index-pattern", "tapline-logs").attributes();
        assertThat(dataView.path("title").asText()).isEqualTo(IndexNames.PATTERN);
        assertThat(dataView.path("timeFieldName").asText()).isEqualTo("@timestamp");
    }

    @Test
    void eachObjectComesAfterEverythingItRefersToSoKibanaImportsItInOneGo() {
        Set<String> before = new HashSet<>();
        for (SavedObject o : objects) {
            assertThat(o.references()).allSatisfy(r -> assertThat(before).as(o.describe())
                    .contains(r.type() + "/" + r.id()));
            before.add(o.type() + "/" + o.id());
        }
    }

    @Test
    void everyObjectCarriesTheMigrationVersionsOfAKibana8Export() {
        assertThat(objects).allSatisfy(o -> {
            assertThat(o.json().path("coreMigrationVersion").asText()).as(o.describe()).isEqualTo("8.8.0");
            assertThat(o.json().path("typeMigrationVersion").asText()).as(o.describe()).matches("8\\.\\d+\\.\\d+");
            String shownName = o.type().equals("index-pattern") ? o.attributes().path("name").asText() : o.title();
            assertThat(shownName).as(o.describe()).startsWith("Tapline");
        });
        // Lens state in the formBased datasource exists since 8.6; its last Lens migration is 8.9.0.
        assertThat(objects.stream().filter(o -> o.type().equals("lens")))
                .allSatisfy(o -> assertThat(o.json().path("typeMigrationVersion").asText()).isEqualTo("8.9.0"));
    }

    @Test
    void everyLensLayerIsConsistentColumnsOrderAccessorsAndFormulaParts() {
        for (SavedObject lens : objects.stream().filter(o -> o.type().equals("lens")).toList()) {
            JsonNode state = lens.attributes().path("state");
            assertThat(state.path("datasourceStates").has("indexpattern")).as(lens.describe()).isFalse();
            JsonNode layers = state.path("datasourceStates").path("formBased").path("layers");
            assertThat(layers.size()).as(lens.describe()).isEqualTo(1);
            String layerId = layers.fieldNames().next();
            JsonNode layer = layers.path(layerId);
            Set<String> columns = new HashSet<>();
            layer.path("columns").fieldNames().forEachRemaining(columns::add);
            Set<String> order = new HashSet<>();
            layer.path("columnOrder").forEach(c -> order.add(c.asText()));
            assertThat(order).as(lens.describe() + " columnOrder").isEqualTo(columns);

            for (JsonNode column : layer.path("columns")) {
                column.path("references").forEach(r -> assertThat(columns).as(lens.describe()).contains(r.asText()));
                if (column.path("operationType").asText().equals("terms")
                        && column.path("params").path("orderBy").path("type").asText().equals("column")) {
                    assertThat(columns).contains(column.path("params").path("orderBy").path("columnId").asText());
                }
                if (column.path("operationType").asText().equals("formula")) {
                    List<String> filters = Kql.formulaFilters(column.path("params").path("formula").asText());
                    Set<String> hiddenFilters = new HashSet<>();
                    layer.path("columns").forEach(c -> {
                        if (c.has("filter")) {
                            hiddenFilters.add(c.path("filter").path("query").asText());
                        }
                    });
                    assertThat(hiddenFilters).as(lens.describe() + " formula parts").containsAll(filters);
                }
            }
            Set<String> accessors = accessors(lens.attributes().path("visualizationType").asText(), state.path("visualization"));
            assertThat(accessors).as(lens.describe() + " accessors").isNotEmpty();
            assertThat(columns).as(lens.describe() + " accessors").containsAll(accessors);
            assertThat(layerIds(state.path("visualization"))).as(lens.describe()).containsOnly(layerId);
        }
    }

    @Test
    void theDashboardHasOnlyAttributesKibanasDashboardSchemaAllows() {
        // Kibana 8.x validates dashboard attributes with unknowns: 'forbid' (dashboard saved object schema v1/v2).
        Set<String> allowed = Set.of("title", "description", "kibanaSavedObjectMeta", "timeRestore", "timeFrom",
                "timeTo", "refreshInterval", "controlGroupInput", "panelsJSON", "optionsJSON", "hits", "version");
        JsonNode dashboard = Bundle.get("dashboard", "tapline-dashboard-traffic").attributes();
        Set<String> present = new HashSet<>();
        dashboard.fieldNames().forEachRemaining(present::add);
        assertThat(allowed).containsAll(present);
        assertThat(dashboard.path("panelsJSON").isTextual()).isTrue();
        assertThat(dashboard.path("optionsJSON").isTextual()).isTrue();
        assertThat(dashboard.path("timeRestore").asBoolean()).isTrue();
    }

    @Test
    void parsingRefusesALineThatIsNotASavedObjectAndNamesTheLine() {
        assertThatThrownBy(() -> KibanaObjects.parse("{\"type\":\"lens\",\"id\":\"a\",\"attributes\":{}}\n{oops"))
                .hasMessageStartingWith("line 2: not JSON");
        assertThatThrownBy(() -> KibanaObjects.parse("{\"type\":\"lens\",\"attributes\":{}}"))
                .hasMessage("line 1: a saved object needs a string type and id");
        assertThatThrownBy(() -> KibanaObjects.parse("{\"type\":\"lens\",\"id\":\"a\"}"))
                .hasMessage("line 1: lens a has no attributes object");
        assertThatThrownBy(() -> KibanaObjects.parse("[1]")).hasMessage("line 1: not a JSON object");
        String twice = "{\"type\":\"lens\",\"id\":\"a\",\"attributes\":{}}\n";
        assertThatThrownBy(() -> KibanaObjects.parse(twice + "\n" + twice)).hasMessage("line 3: lens a appears twice");
    }

    private static Set<String> accessors(String type, JsonNode vis) {
        Set<String> out = new HashSet<>();
        switch (type) {
            case "lnsXY" -> vis.path("layers").forEach(l -> {
                addText(out, l.path("xAccessor"));
                addText(out, l.path("splitAccessor"));
                l.path("accessors").forEach(a -> out.add(a.asText()));
            });
            case "lnsPie" -> vis.path("layers").forEach(l -> {
                l.path("primaryGroups").forEach(a -> out.add(a.asText()));
                l.path("metrics").forEach(a -> out.add(a.asText()));
            });
            case "lnsDatatable" -> {
                vis.path("columns").forEach(c -> out.add(c.path("columnId").asText()));
                addText(out, vis.path("sorting").path("columnId"));
            }
            default -> throw new AssertionError("visualization type not checked: " + type);
        }
        return out;
    }

    private static Set<String> layerIds(JsonNode vis) {
        Set<String> out = new HashSet<>();
        addText(out, vis.path("layerId"));
        for (Iterator<JsonNode> it = vis.path("layers").elements(); it.hasNext(); ) {
            addText(out, it.next().path("layerId"));
        }
        return out;
    }

    private static void addText(Set<String> out, JsonNode node) {
        if (node.isTextual()) {
            out.add(node.asText());
        }
    }
}
