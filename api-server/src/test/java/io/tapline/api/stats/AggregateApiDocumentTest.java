package io.tapline.api.stats;

import io.tapline.api.RunningApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The API document describes the counting endpoints' bounds and shapes: top/limit and other, interval, buckets. */
class AggregateApiDocumentTest {

    private final RunningApi api = RunningApi.start();
    private final Map<String, Object> doc = RunningApi.json(api.tenant("/api/openapi.json"));

    @AfterEach
    void stop() {
        api.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> node, String... keys) {
        Map<String, Object> here = node;
        for (String key : keys) {
            here = (Map<String, Object>) here.get(key);
            assertThat(here).as(String.join("/", keys)).isNotNull();
        }
        return here;
    }

    private Map<String, Object> get(String path) {
        return at(doc, "paths", path, "get");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parameter(String path, String name) {
        List<Map<String, Object>> parameters = (List<Map<String, Object>>) get(path).get("parameters");
        return parameters.stream().filter(p -> name.equals(p.get("name"))).findFirst().orElseThrow();
    }

    private Map<String, Object> okSchema(String path) {
        return at(get(path), "responses", "200", "content", "application/json", "schema");
    }

    @Test
    void statsDocumentsTopItsDefaultAndTheShapeOfOther() {
        assertThat((String) get(AggregateApi.STATS).get("description"))
                .contains("default " + StatsParameters.DEFAULT_TOP).contains("sum(byX) + other.byX == total");
        assertThat(at(parameter(AggregateApi.STATS, "top"), "schema"))
                .containsEntry("minimum", 1).containsEntry("maximum", 1000).containsEntry("default", 100);
        Map<String, Object> properties = at(okSchema(AggregateApi.STATS), "properties");
        assertThat(properties.keySet()).containsExactly("total", "byLevel", "byProject", "byContainer", "byService",
                "other");
        assertThat(at(properties, "byContainer", "additionalProperties")).containsEntry("type", "integer");
        assertThat(at(properties, "other", "properties").keySet())
                .containsExactly("byLevel", "byProject", "byContainer", "byService");
    }

    @Test
    void histogramDocumentsTheIntervalSyntaxTheCapAndTheBuckets() {
        assertThat((String) get(AggregateApi.HISTOGRAM).get("description")).contains("More than 2000 buckets is a 400");
        assertThat(at(parameter(AggregateApi.HISTOGRAM, "interval"), "schema"))
                .containsEntry("pattern", "^(?:auto|[1-9][0-9]{0,5}[smhd])$");
        Map<String, Object> properties = at(okSchema(AggregateApi.HISTOGRAM), "properties");
        assertThat(properties.keySet()).containsExactly("interval", "intervalMs", "fromTimestamp", "toTimestamp",
                "total", "buckets");
        assertThat(at(properties, "buckets", "items", "properties").keySet())
                .containsExactly("tsMs", "tsIso", "count", "byLevel");
    }

    @Test
    void inventoriesDocumentLimitAndTheirItems() {
        for (String path : List.of(AggregateApi.CONTAINERS, AggregateApi.SERVICES)) {
            assertThat((String) get(path).get("description")).contains("sum(count) + other == total");
            assertThat(at(parameter(path, "limit"), "schema")).containsEntry("maximum", 1000).containsEntry("default", 100);
            assertThat(at(okSchema(path), "properties").keySet()).contains("total", "other");
        }
        assertThat(at(okSchema(AggregateApi.CONTAINERS), "properties", "containers", "items", "properties").keySet())
                .containsExactly("containerId", "count", "lastSeenMs", "lastSeenIso", "projectIds");
    }
}
