package io.tapline.enrich;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The Logstash filter writes back only what the core reports as changed, so the report must be exact. */
class EnricherChangesTest {
    private final Enricher enricher = Enricher.withDefaults();

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("io.tapline.enrich.EnricherIdempotenceTest#documents")
    void reportsExactlyTheTopLevelFieldsWhoseValueChanged(Map<String, Object> document) {
        Map<String, Object> before = SampleDocuments.copy(document);
        Map<String, Object> after = SampleDocuments.copy(document);

        List<String> reported = enricher.enrichReportingChanges(after);

        assertThat(reported).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(reported)).isEqualTo(changedKeys(before, after));
        assertThat(after).isEqualTo(enricher.enrich(SampleDocuments.copy(document)));
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("io.tapline.enrich.EnricherIdempotenceTest#documents")
    void reportsNothingForADocumentAlreadyEnriched(Map<String, Object> document) {
        Map<String, Object> once = enricher.enrich(SampleDocuments.copy(document));
        assertThat(enricher.enrichReportingChanges(once)).isEmpty();
    }

    @Test
    void aRealisticResponseChangesItsUrlLevelAgentEnrichmentAndRedactedHeaders() {
        Map<String, Object> response = SampleDocuments.response();
        assertThat(enricher.enrichReportingChanges(response))
                .containsExactlyInAnyOrder("url", "http", "user_agent", "tapline");
    }

    @Test
    void reportsFieldsChangedInsideReadOnlyObjects() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("tapline", Map.of("kind", "response", "enrichment", Map.of("route", "stale", "other", "kept")));
        document.put("url", Map.of("original", "/v1/users/42?token=abc"));
        document.put("http", Map.of("request", Map.of("headers", Map.of("cookie", "sid=1"))));

        List<String> reported = enricher.enrichReportingChanges(document);

        assertThat(reported).containsExactlyInAnyOrder("tapline", "url", "http", "log");
        assertThat(Documents.get(document, "tapline", "enrichment", "route")).isEqualTo("/v1/users/{id}");
        assertThat(Documents.get(document, "tapline", "enrichment", "other")).isEqualTo("kept");
        assertThat(Documents.get(document, "http", "request", "headers", "cookie")).isEqualTo("[REDACTED]");
    }

    private static Set<String> changedKeys(Map<String, Object> before, Map<String, Object> after) {
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<String> changed = new ArrayList<>();
        for (String key : keys) {
            if (!Objects.equals(before.get(key), after.get(key))) {
                changed.add(key);
            }
        }
        return new TreeSet<>(changed);
    }
}
