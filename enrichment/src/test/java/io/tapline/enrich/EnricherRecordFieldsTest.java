package io.tapline.enrich;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import static io.tapline.enrich.SampleDocuments.doc;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record held elsewhere (a Logstash event), read field by field, with the changes handed back: applied, they must
 * make exactly the document the direct path makes, change nothing that was already right, and read each field once.
 */
class EnricherRecordFieldsTest {
    private final Enricher enricher = Enricher.withDefaults();

    static Stream<Arguments> documents() {
        List<Map<String, Object>> all = new ArrayList<>();
        EnricherIdempotenceTest.documents().forEach(a -> all.add(SampleDocuments.copy(first(a))));
        EnricherNastyInputTest.wrongTypes().forEach(a -> all.add(SampleDocuments.doc((String) a.get()[1])));
        all.add(doc("{'tapline':'not an object','log':'error','url':{'original':'/a/1'},"
                + "'user_agent':'curl/8.5.0','http':{'request':{'method':'GET','headers':'Authorization: Bearer x'}}}"));
        all.add(doc("{'tapline':{'kind':'response'},'log':['info'],'url':'/a/1','client':{'ip':'10.0.0.1'},"
                + "'http':{'response':{'status_code':500}},'user_agent':{'original':'curl/8.5.0'}}"));
        all.add(doc("{'tapline':{'kind':'request','enrichment':'stale'},'log':{'logger':'x'},"
                + "'url':{'original':'https://h:8443/a/b.json?token=1'},'http':{'request':{'method':'POST',"
                + "'headers':{'Authorization':'Bearer x','accept':'*/*'},'mime_type':'application/json',"
                + "'body':{'content':'{\\'password\\':\\'p\\'}'}}}}"));
        all.add(doc("{'tapline':{'kind':'event','enrichment':{'region':'eu','route':'stale'}},'message':"
                + "'2026-01-01T00:00:00Z ERROR upstream timeout after 30 ms','event':{'action':'upstream_timeout'}}"));
        return all.stream().map(Arguments::of);
    }

    private static Map<String, Object> first(Arguments arguments) {
        @SuppressWarnings("unchecked")
        Map<String, Object> document = (Map<String, Object>) arguments.get()[0];
        return document;
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("documents")
    void theChangesMakeTheDocumentTheDirectPathMakes(Map<String, Object> document) {
        Map<String, Object> direct = enricher.enrich(SampleDocuments.copy(document));
        LogstashLikeRecord record = new LogstashLikeRecord(document);

        FieldChanges changes = enricher.enrichRecord(record);

        assertThat(record.reads).as("each field read once").doesNotHaveDuplicates();
        for (int i = 0; i < changes.size(); i++) {
            Object before = Documents.get(document, changes.get(i).keys().toArray(new String[0]));
            assertThat(Objects.equals(before, changes.value(i))).as("a change of %s", changes.get(i)).isFalse();
        }
        assertThat(record.apply(changes)).isEqualTo(direct);
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("documents")
    void aRecordAlreadyEnrichedGetsNoChanges(Map<String, Object> document) {
        Map<String, Object> once = enricher.enrich(SampleDocuments.copy(document));
        assertThat(enricher.enrichRecord(new LogstashLikeRecord(once))).isEmpty();
    }

    @Test
    void aRealisticResponseChangesOnlyTheFieldsItMustAndReadsNoOthers() {
        LogstashLikeRecord record = new LogstashLikeRecord(SampleDocuments.response());

        FieldChanges changes = enricher.enrichRecord(record);

        // The token in the URL, the bearer header and the token in the body are redacted; the relative URL's
        // path is there already; the agent is named; the rest goes into tapline.enrichment, as one object.
        assertThat(changes).extracting(FieldPath::toString).containsExactly("tapline.enrichment", "url.original",
                "url.query", "http.request.headers", "http.response.body.content", "user_agent.name",
                "user_agent.version");
        assertThat(record.reads).extracting(FieldPath::toString).doesNotContain("@timestamp", "trace.id",
                "tapline", "url", "http");
    }

    @Test
    void everyPathNamesItsKeysAndSitsAtItsIndex() {
        List<FieldPath> all = FieldPath.all();
        assertThat(all).hasSize(Ecs.PATHS).doesNotHaveDuplicates();
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).index()).isEqualTo(i);
            assertThat(all.get(i).keys()).isNotEmpty().doesNotContainNull();
        }
        assertThat(Ecs.URL_ORIGINAL.keys()).containsExactly("url", "original");
    }
}
