package io.tapline.enrich;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The facts kept for recent targets are exactly what the parts, the route and the threat detector give. */
class UrlFactsTest {

    @ParameterizedTest(name = "[{index}] '{0}'")
    @ValueSource(strings = {"/v1/users/42/orders/9f1c2a3b4c5d?x=1", "/a/b?", "https://h:8443/a.json?x", "https://h",
            "HTTP://Example.COM/Index.HTML", "http://[2001:db8::1]:8080/p?q", "/static/app.3f2a9c1d.js",
            "/search?q=1' OR 1=1--", "/files/..%2f..%2fetc/passwd", "/x?<script>alert(1)</script>", "*", "host:443",
            "free text", " ", "/caf\u00e9/men\u00fc.pdf?q=\u00fc", "/a/\u212a/../b"})
    void areWhatComputingEachPartGives(String target) {
        UrlFacts facts = UrlFacts.of(target);
        UrlParts parts = UrlParts.parse(target);
        if (parts == null) {
            assertThat(facts.parts).isNull();
            assertThat(facts.route).isNull();
        } else {
            assertThat(facts.parts).usingRecursiveComparison().isEqualTo(parts);
            String path = parts.path != null ? parts.path : parts.scheme != null ? "/" : null;
            assertThat(facts.route).isEqualTo(RouteTemplate.of(path));
        }
        assertThat(ThreatDetector.detect(facts.threatFlags, false)).isEqualTo(ThreatDetector.detect(target, false));
        assertThat(ThreatDetector.detect(facts.threatFlags, true)).isEqualTo(ThreatDetector.detect(target, true));
        // Found again, for an equal string that is another object: the very facts kept.
        assertThat(UrlFacts.of(new String(target))).isSameAs(facts);
    }

    @Test
    void longTargetsAreWorkedOutEveryTimeAndNullHasNone() {
        String longTarget = "/a/" + "x".repeat(UrlFacts.MAX_CACHED_LENGTH) + "/../etc/passwd";
        UrlFacts once = UrlFacts.of(longTarget);
        assertThat(UrlFacts.of(longTarget)).isNotSameAs(once);
        assertThat(ThreatDetector.detect(once.threatFlags, false)).containsExactly(ThreatDetector.PATH_TRAVERSAL);
        assertThat(UrlFacts.of(null)).isNull();
        assertThat(ThreatDetector.targetFlags(null)).isZero();
        assertThat(ThreatDetector.targetFlags("")).isZero();
    }

    /**
     * The enricher with its tables of recent targets (and of their redacted forms) warm gives what it gives cold:
     * every realistic record enriched after thousands of others, colliding in every slot, equals its enrichment by
     * a fresh run of the same documents.
     */
    @Test
    void enrichingWithWarmTablesGivesWhatColdTablesGive() {
        Enricher enricher = Enricher.withDefaults();
        List<Map<String, Object>> documents = new ArrayList<>(SampleDocuments.realistic());
        List<Map<String, Object>> first = new ArrayList<>();
        for (Map<String, Object> document : documents) {
            first.add(enricher.enrich(SampleDocuments.copy(document)));
        }
        for (int i = 0; i < 5 * UrlFacts.SLOTS; i++) {
            enricher.enrich(SampleDocuments.doc("{'url':{'original':'/fill/" + i + "?token=" + i + "'}}"));
        }
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < documents.size(); i++) {
                assertThat(enricher.enrich(SampleDocuments.copy(documents.get(i)))).as("record %s", i)
                        .isEqualTo(first.get(i));
            }
        }
    }
}
