package io.tapline.enrich;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.tapline.enrich.SampleDocuments.doc;
import static org.assertj.core.api.Assertions.assertThat;

/** Enriching twice gives the document enriching once gives, and only the mapped fields are ever added. */
class EnricherIdempotenceTest {
    /** Every leaf the index template maps that enrichment may add; nothing else may appear. */
    private static final Set<String> WRITABLE = Set.of("log.level", "url.path", "url.query", "url.scheme",
            "url.domain", "url.port", "url.extension", "user_agent.name", "user_agent.version",
            "tapline.enrichment.route", "tapline.enrichment.class", "tapline.enrichment.status_class",
            "tapline.enrichment.error_class", "tapline.enrichment.slow", "tapline.enrichment.user_agent_class",
            "tapline.enrichment.client_ip_class", "tapline.enrichment.client_ip_version", "tapline.enrichment.threat",
            "tapline.enrichment.log_format", "tapline.enrichment.pattern", "tapline.enrichment.pattern_id");

    private final Enricher enricher = Enricher.withDefaults();

    static Stream<Arguments> documents() {
        List<Map<String, Object>> all = new ArrayList<>(SampleDocuments.realistic());
        all.add(doc("{'tapline':{'kind':'event'},'log':{'level':'WARNING'},'message':'[notice] token=abc restarted',"
                + "'event':{'action':'upstream_reset','original':'{\\'password\\':\\'p\\'}'}}"));
        all.add(doc("{'tapline':{'kind':'response'},'http':{'response':{'status_code':'abc'},'request':{"
                + "'headers':['Cookie: a=b']}},'url':{'original':['https://u:p@h/x?token=1#frag']},"
                + "'client':{'ip':'fe80::1%eth0'},'user_agent':{'original':'Mozilla/5.0 (iPhone) Version/17.4 Safari/1'}}"));
        all.add(doc("{'url':{'original':'/q?x=%27%20OR%201%3D1--&token=%zz'},'message':'\\'quoted\\' 0xff 1.5s'}"));
        return all.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("documents")
    void enrichingTwiceIsEnrichingOnce(Map<String, Object> document) {
        Map<String, Object> once = enricher.enrich(SampleDocuments.copy(document));
        Map<String, Object> twice = enricher.enrich(SampleDocuments.copy(once));
        assertThat(twice).isEqualTo(once);
        assertThat(SampleDocuments.toJson(twice)).isEqualTo(SampleDocuments.toJson(once));
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("documents")
    void addsOnlyFieldsTheIndexTemplateMaps(Map<String, Object> document) {
        Set<String> before = leaves(document, "");
        Set<String> added = leaves(enricher.enrich(SampleDocuments.copy(document)), "");
        added.removeAll(before);
        assertThat(added).isSubsetOf(WRITABLE);
        assertThat(Enricher.ENRICHMENT_FIELDS).allMatch(f -> WRITABLE.contains("tapline.enrichment." + f));
    }

    private static Set<String> leaves(Object node, String prefix) {
        Set<String> out = new TreeSet<>();
        if (node instanceof Map && !((Map<?, ?>) node).isEmpty()) {
            ((Map<?, ?>) node).forEach((k, v) -> out.addAll(leaves(v, prefix.isEmpty() ? k.toString() : prefix + "." + k)));
        } else {
            out.add(prefix);
        }
        return out;
    }
}
