package io.tapline.kibana;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every reference between the saved objects resolves, and the dashboard lays every visualisation out. */
class ReferencesTest {
    @Test
    void everyReferenceResolvesToAnObjectOfTheBundleUnderTheNameItsUserLooksFor() {
        assertThat(ReferenceCheck.problems(Bundle.shipped())).isEmpty();
    }

    @Test
    void theDashboardShowsEveryVisualisationAndTheErrorsSearch() {
        SavedObject dashboard = Bundle.get("dashboard", "tapline-dashboard-traffic");
        List<String> lenses = Bundle.shipped().stream().filter(o -> o.type().equals("lens"))
                .map(o -> "lens/" + o.id()).toList();
        assertThat(ReferenceCheck.panelTargets(dashboard)).containsAll(lenses).contains("search/tapline-search-errors");
    }

    @Test
    void aReferenceToAnObjectOutsideTheBundleIsReported() {
        List<SavedObject> broken = Bundle.withEdited("lens", "tapline-lens-top-routes",
                lens -> ((ObjectNode) lens.withArray("references").get(0)).put("id", "no-such-data-view"));
        assertThat(ReferenceCheck.problems(broken)).containsExactly("lens tapline-lens-top-routes: reference "
                + "indexpattern-datasource-layer-layer-top-routes -> index-pattern no-such-data-view is not in the bundle");
    }

    @Test
    void aLensLayerWithoutItsDataViewReferenceIsReported() {
        List<SavedObject> broken = Bundle.withEdited("lens", "tapline-lens-status-codes",
                lens -> ((ObjectNode) lens.withArray("references").get(0)).put("name", "indexpattern-datasource-layer-x"));
        assertThat(ReferenceCheck.problems(broken)).contains(
                "lens tapline-lens-status-codes: no reference named indexpattern-datasource-layer-layer-status-codes",
                "lens tapline-lens-status-codes: reference indexpattern-datasource-layer-x is used by nothing");
    }

    @Test
    void aPanelWhoseReferenceIsMissingOrOfTheWrongTypeIsReported() {
        List<SavedObject> broken = Bundle.withEdited("dashboard", "tapline-dashboard-traffic", d -> {
            ArrayNode refs = d.withArray("references");
            refs.remove(0);
            ((ObjectNode) refs.get(0)).put("type", "visualization");
        });
        List<String> problems = ReferenceCheck.problems(broken);
        assertThat(problems).anyMatch(p -> p.endsWith("no reference named p-requests:panel_p-requests"));
        assertThat(problems).anyMatch(p -> p.contains("reference p-status:panel_p-status is a visualization, expected lens"));
    }

    @Test
    void overlappingPanelsAndPanelsWiderThanTheGridAreReported() {
        List<SavedObject> broken = Bundle.withEdited("dashboard", "tapline-dashboard-traffic", d -> {
            String panels = d.path("attributes").path("panelsJSON").asText()
                    .replace("\"x\":32,\"y\":0,\"w\":16", "\"x\":30,\"y\":0,\"w\":19");
            ((ObjectNode) d.path("attributes")).put("panelsJSON", panels);
        });
        assertThat(ReferenceCheck.problems(broken).stream().collect(Collectors.joining("\n")))
                .contains("panel p-status does not fit the 48-column grid")
                .contains("panel p-status overlaps another panel");
    }

    @Test
    void aSavedSearchWithoutItsIndexReferenceIsReported() {
        List<SavedObject> broken = Bundle.withEdited("search", "tapline-search-trace",
                s -> s.withArray("references").removeAll());
        assertThat(ReferenceCheck.problems(broken)).containsExactly(
                "search tapline-search-trace: no reference named kibanaSavedObjectMeta.searchSourceJSON.index");
    }
}
