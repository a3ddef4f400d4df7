package io.tapline.kibana;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every field a visualisation, search or the data view uses exists in log-schema's index template, mapped with a
 * type that supports the use: terms on keyword/ip/numbers, percentiles on numbers, date histograms on
 * {@code @timestamp}, ranges on numbers, sorts on fields with doc values.
 */
class FieldUsageTest {
    private final FieldRules rules = new FieldRules(TemplateFields.fromLogSchema(), "@timestamp");

    @Test
    void everyFieldUseIsMappedInTheIndexTemplateWithATypeThatSupportsIt() {
        List<FieldUse> uses = FieldUses.of(Bundle.shipped());
        assertThat(rules.violations(uses)).isEmpty();
        // the check covers what the dashboards actually do
        assertThat(uses).extracting(u -> u.use() + " " + u.field()).contains(
                "DATE_HISTOGRAM @timestamp", "TIME_FIELD @timestamp",
                "TERMS log.level", "TERMS service.name", "TERMS client.ip", "TERMS http.response.status_code",
                "TERMS tapline.enrichment.route", "TERMS tapline.enrichment.threat",
                "NUMERIC_METRIC event.duration", "NUMBER_FORMAT event.duration",
                "KQL_RANGE http.response.status_code", "KQL_MATCH tapline.kind", "KQL_MATCH trace.id",
                "KQL_MATCH tapline.enrichment.slow", "SORT event.duration", "SORT trace.id", "DISPLAY url.original");
        assertThat(uses).hasSizeGreaterThan(50);
    }

    @Test
    void aPercentileOnAKeywordIsRefused() {
        List<SavedObject> bad = Bundle.withEdited("lens", "tapline-lens-latency-by-route",
                l -> Bundle.lensColumn(l, "col-p95").put("sourceField", "service.name"));
        assertThat(rules.violations(FieldUses.of(bad))).containsExactly("lens tapline-lens-latency-by-route "
                + "(column col-p95): NUMERIC_METRIC on service.name: not supported by its mapping keyword");
    }

    @Test
    void termsOnATextFieldAreRefused() {
        List<SavedObject> bad = Bundle.withEdited("lens", "tapline-lens-top-routes",
                l -> Bundle.lensColumn(l, "col-route").put("sourceField", "message"));
        assertThat(rules.violations(FieldUses.of(bad))).containsExactly("lens tapline-lens-top-routes "
                + "(column col-route): TERMS on message: not supported by its mapping text, no doc values");
    }

    @Test
    void aFieldTheTemplateDoesNotMapIsRefused() {
        List<SavedObject> bad = Bundle.withEdited("lens", "tapline-lens-top-routes",
                l -> Bundle.lensColumn(l, "col-route").put("sourceField", "tapline.route"));
        assertThat(rules.violations(FieldUses.of(bad))).containsExactly("lens tapline-lens-top-routes "
                + "(column col-route): TERMS on tapline.route: the index template has no field tapline.route");
    }

    @Test
    void aDateHistogramOnAnythingButTheTimeFieldIsRefused() {
        List<SavedObject> bad = Bundle.withEdited("lens", "tapline-lens-requests-by-level",
                l -> Bundle.lensColumn(l, "col-time").put("sourceField", "event.duration"));
        assertThat(rules.violations(FieldUses.of(bad))).containsExactly("lens tapline-lens-requests-by-level "
                + "(column col-time): DATE_HISTOGRAM on event.duration: not supported by its mapping long");
    }

    @Test
    void aColumnWhoseDataTypeDisagreesWithTheMappingIsRefused() {
        List<SavedObject> bad = Bundle.withEdited("lens", "tapline-lens-top-client-ips",
                l -> Bundle.lensColumn(l, "col-ip").put("dataType", "string"));
        assertThat(rules.violations(FieldUses.of(bad))).containsExactly("lens tapline-lens-top-client-ips "
                + "(column col-ip): TERMS on client.ip: the column says dataType string but the mapping is ip");
    }

    @Test
    void aRangeOnAKeywordInAColumnFilterIsRefused() {
        List<SavedObject> bad = Bundle.withEdited("lens", "tapline-lens-error-rate-by-service",
                l -> ((ObjectNode) Bundle.lensColumn(l, "col-error-rateX0").path("filter"))
                        .put("query", "service.name >= 500"));
        assertThat(rules.violations(FieldUses.of(bad))).containsExactly("lens tapline-lens-error-rate-by-service "
                + "(column col-error-rateX0 filter): KQL_RANGE on service.name: not supported by its mapping keyword");
    }

    @Test
    void aSortOnTextAndAnUnmappedColumnInASavedSearchAreRefused() {
        List<SavedObject> bad = Bundle.withEdited("search", "tapline-search-errors", s -> {
            ObjectNode attributes = (ObjectNode) s.path("attributes");
            ((ArrayNode) attributes.withArray("sort").get(0)).set(0, attributes.textNode("message"));
            attributes.withArray("columns").add("http.status");
        });
        assertThat(rules.violations(FieldUses.of(bad))).containsExactly(
                "search tapline-search-errors (columns): DISPLAY on http.status: the index template has no field http.status",
                "search tapline-search-errors (sort): SORT on message: not supported by its mapping text, no doc values");
    }

    @Test
    void aQueryOnAFieldThatIsNotIndexedIsRefused() {
        List<SavedObject> bad = Bundle.withEdited("lens", "tapline-lens-status-codes", l ->
                ((ObjectNode) l.path("attributes").path("state").path("query")).put("query", "event.original : \"x: y\""));
        assertThat(rules.violations(FieldUses.of(bad))).containsExactly("lens tapline-lens-status-codes (query): "
                + "KQL_MATCH on event.original: not supported by its mapping keyword, not indexed, no doc values");
    }

    @Test
    void anOperationTheCheckDoesNotKnowIsAnErrorNotASilentPass() {
        List<SavedObject> bad = Bundle.withEdited("lens", "tapline-lens-latency-by-route",
                l -> Bundle.lensColumn(l, "col-p50").put("operationType", "last_value"));
        assertThatThrownBy(() -> FieldUses.of(bad))
                .hasMessage("lens tapline-lens-latency-by-route column col-p50: operation 'last_value' is not checked by FieldUses");
    }

    @Test
    void kqlComparisonsIgnoreColonsInsideQuotedValues() {
        assertThat(Kql.comparisons("trace.id : \"a:b\" and http.response.status_code >= 500 or not x.y<3"))
                .containsExactly(new Kql.Comparison("trace.id", ":"),
                        new Kql.Comparison("http.response.status_code", ">="), new Kql.Comparison("x.y", "<"));
        assertThat(Kql.formulaFilters("count(kql='a : \"b\"') / count(kql='c >= 1')")).containsExactly("a : \"b\"", "c >= 1");
    }

    @Test
    void theTemplateReaderSeesSubFieldsAndTheTypedEnrichmentKeys() {
        TemplateFields fields = TemplateFields.fromLogSchema();
        assertThat(fields.get("message.keyword")).hasValueSatisfying(f -> assertThat(f.termsCapable()).isTrue());
        assertThat(fields.get("message")).hasValueSatisfying(f -> assertThat(f.termsCapable()).isFalse());
        assertThat(fields.get("tapline.enrichment.route")).hasValueSatisfying(f -> assertThat(f.type()).isEqualTo("keyword"));
        assertThat(fields.get("tapline.enrichment")).isEmpty();
        assertThat(fields.get("event.duration")).hasValueSatisfying(f -> assertThat(f.numeric()).isTrue());
    }
}
