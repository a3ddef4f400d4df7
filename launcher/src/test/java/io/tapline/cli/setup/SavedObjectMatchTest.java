package io.tapline.cli.setup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tapline.kibana.KibanaObjects;
import io.tapline.kibana.SavedObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When Kibana's copy counts as the shipped object, and when it does not. */
class SavedObjectMatchTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final SavedObjectMatch match = new SavedObjectMatch(mapper);
    private final SavedObject dashboard = KibanaObjects.all().stream()
            .filter(o -> o.type().equals("dashboard")).findFirst().orElseThrow();

    @Test
    void whatKibanaAddsOnItsOwnDoesNotCountAsAChange() {
        ObjectNode stored = dashboard.json().deepCopy();
        stored.put("updated_at", "2026-01-01T00:00:00Z").put("version", "WzEsMV0=");
        ((ObjectNode) stored.path("attributes")).put("hits", 0);
        assertThat(match.matches(dashboard.json(), stored)).isTrue();
    }

    @Test
    void jsonKeptInStringsIsComparedAsJsonNotAsText() throws Exception {
        ObjectNode stored = dashboard.json().deepCopy();
        String panels = stored.path("attributes").path("panelsJSON").asText();
        // Kibana re-serializes panelsJSON: pretty-printed and with keys it adds, the content is still ours
        String rewritten = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(panels))
                .replace("\"embeddableConfig\" : {", "\"embeddableConfig\" : { \"hidePanelTitles\" : false,");
        ((ObjectNode) stored.path("attributes")).put("panelsJSON", rewritten);
        assertThat(match.matches(dashboard.json(), stored)).isTrue();
    }

    @Test
    void aChangedValueAMissingAttributeOrOtherReferencesAreChanges() {
        ObjectNode moved = dashboard.json().deepCopy();
        ((ObjectNode) moved.path("attributes")).put("panelsJSON",
                moved.path("attributes").path("panelsJSON").asText().replace("\"w\":32", "\"w\":31"));
        assertThat(match.matches(dashboard.json(), moved)).isFalse();

        ObjectNode missing = dashboard.json().deepCopy();
        ((ObjectNode) missing.path("attributes")).remove("timeRestore");
        assertThat(match.matches(dashboard.json(), missing)).isFalse();

        ObjectNode references = dashboard.json().deepCopy();
        references.withArray("references").remove(0);
        assertThat(match.matches(dashboard.json(), references)).isFalse();
    }

    @Test
    void numbersCompareByValue() throws Exception {
        assertThat(match.covers(mapper.readTree("{\"v\":30000}"), mapper.readTree("{\"v\":30000.0}"))).isTrue();
        assertThat(match.covers(mapper.readTree("{\"v\":[1,2]}"), mapper.readTree("{\"v\":[1,2,3]}"))).isFalse();
    }
}
