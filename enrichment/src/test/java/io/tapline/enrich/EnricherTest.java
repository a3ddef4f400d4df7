package io.tapline.enrich;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static io.tapline.enrich.SampleDocuments.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnricherTest {
    private final Enricher enricher = Enricher.withDefaults();

    @Test
    void enrichesAResponseInPlaceAndReturnsTheSameMap() {
        Map<String, Object> document = SampleDocuments.response();
        assertThat(enricher.enrich(document)).isSameAs(document);
        assertThat(Documents.get(document, "tapline", "enrichment")).isEqualTo(doc("{'route':'/v1/users/{id}',"
                + "'class':'success','status_class':'2xx','user_agent_class':'cli','client_ip_class':'public',"
                + "'client_ip_version':4,'pattern':'GET /v1/users/{id} 2xx','pattern_id':'p_379c9a0d1fab31d4'}"));
        assertThat(Documents.get(document, "log", "level")).isEqualTo("info");
        assertThat(Documents.get(document, "url")).isEqualTo(doc("{'original':'/v1/users/42?x=1&token=[REDACTED]',"
                + "'path':'/v1/users/42','query':'x=1&token=[REDACTED]'}"));
        assertThat(Documents.get(document, "user_agent")).isEqualTo(doc("{'original':'curl/8.5.0','name':'curl',"
                + "'version':'8.5.0'}"));
    }

    @Test
    void readsEveryPartOfAnAbsoluteUrl() {
        Map<String, Object> document = enricher.enrich(SampleDocuments.request());
        assertThat(Documents.get(document, "url")).isEqualTo(doc("{'original':"
                + "'https://api.example.com:8443/v1/orders/9f1c2a3b4c5d/items.json?page=2',"
                + "'path':'/v1/orders/9f1c2a3b4c5d/items.json','query':'page=2','scheme':'https',"
                + "'domain':'api.example.com','port':8443,'extension':'json'}"));
        assertThat(Documents.get(document, "tapline", "enrichment", "pattern"))
                .isEqualTo("POST /v1/orders/{id}/items.json");
        assertThat(Documents.get(document, "tapline", "enrichment", "class")).isNull(); // a request has no outcome yet
    }

    @ParameterizedTest(name = "{0} status={1} duration={2}ns service={3} -> {4} {5} slow={6}")
    @CsvSource(nullValues = "null", value = {
            "response, 200, 5000000,    user-api, info,  success,       null",
            "response, 201, 999999999,  user-api, info,  success,       null",
            "response, 200, 1000000000, user-api, warn,  success,       true",
            "response, 302, 2000000000, user-api, warn,  redirect,      true",
            "response, 404, 5000000,    user-api, warn,  client_error,  null",
            "response, 500, 5000000,    user-api, error, server_error,  null",
            "response, 503, 9000000000, user-api, error, server_error,  true",
            "response, 101, null,       user-api, info,  informational, null",
            "response, 200, 20000000000, reports, info,  success,       null",
            "response, 200, 30000000000, reports, warn,  success,       true",
            "request,  null, null,      user-api, info,  null,          null",
            "Response, 200, null,       null,     info,  success,       null",
    })
    void gradesExchangesByStatusAndDurationAgainstTheServiceThreshold(String kind, Integer status, Long duration,
                                                                      String service, String level, String outcome,
                                                                      Boolean slow) {
        Enricher perService = new Enricher(EnrichmentConfig.builder().slowThresholdMs("reports", 30_000).build());
        Map<String, Object> document = doc("{'tapline':{'kind':'" + kind + "'},'log':{'level':'debug'}}");
        putUnlessNull(document, status, "http", "response", "status_code");
        putUnlessNull(document, duration, "event", "duration");
        putUnlessNull(document, service, "service", "name");
        perService.enrich(document);
        assertThat(Documents.get(document, "log", "level")).isEqualTo(level);
        assertThat(Documents.get(document, "tapline", "enrichment", "class")).isEqualTo(outcome);
        assertThat(Documents.get(document, "tapline", "enrichment", "slow")).isEqualTo(slow);
    }

    @ParameterizedTest(name = "{0} / {1} / {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            // given level | message                                      | action           | level | format    | class       | error
            "info     | 2024-01-01T12:00:00.000Z [ERROR] db down             | null             | error    | iso8601   | error_event | null",
            "error    | 2024-01-01T12:00:00Z INFO recovered                 | null             | info     | rfc3339   | event       | null",
            "info     | [FATAL] out of memory                               | null             | critical | bracketed | error_event | null",
            "warning  | plain text with no level                            | null             | warn     | null      | event       | null",
            "null     | plain text                                          | null             | info     | null      | event       | null",
            "error    | upstream timed out after 30000 ms                   | upstream_timeout | error    | null      | error_event | timeout",
            "error    | something odd happened                              | upstream_reset   | error    | null      | error_event | reset",
            "error    | dial tcp: connection refused                        | upstream_slow    | error    | null      | error_event | refused",
            "warn     | [WARN] TLS handshake failed                         | null             | warn     | bracketed | event       | tls",
            "info     | client closed the connection                        | client_abort     | info     | null      | event       | client_abort",
    })
    void takesAnEventsLevelFromItsServiceLogLineAndClassifiesItsFailure(String given, String message, String action,
                                                                       String level, String format, String outcome,
                                                                       String errorClass) {
        Map<String, Object> document = doc("{'tapline':{'kind':'event'}}");
        Documents.put(document, message, "message");
        putUnlessNull(document, given, "log", "level");
        putUnlessNull(document, action, "event", "action");
        enricher.enrich(document);
        assertThat(Documents.get(document, "log", "level")).isEqualTo(level);
        assertThat(Documents.get(document, "tapline", "enrichment", "log_format")).isEqualTo(format);
        assertThat(Documents.get(document, "tapline", "enrichment", "class")).isEqualTo(outcome);
        assertThat(Documents.get(document, "tapline", "enrichment", "error_class")).isEqualTo(errorClass);
    }

    @Test
    void patternsAnEventByItsMessageWithoutTheLogLinePrefix() {
        Map<String, Object> a = enricher.enrich(doc("{'tapline':{'kind':'event'},"
                + "'message':'2024-01-01T12:00:00Z ERROR user 42 not found'}"));
        Map<String, Object> b = enricher.enrich(doc("{'tapline':{'kind':'event'},"
                + "'message':'[ERROR]   user 7 not found'}"));
        assertThat(Documents.get(a, "tapline", "enrichment", "pattern")).isEqualTo("user <num> not found");
        assertThat(Documents.get(a, "tapline", "enrichment", "pattern_id"))
                .isEqualTo(Documents.get(b, "tapline", "enrichment", "pattern_id"));
    }

    @Test
    void aRecordOfUnknownKindGetsWhatItsFieldsTell() {
        Map<String, Object> document = enricher.enrich(doc("{'log':{'level':'debug'},'http':{'request':"
                + "{'method':'GET'},'response':{'status_code':500}},'url':{'original':'/a/1'}}"));
        assertThat(Documents.get(document, "log", "level")).isEqualTo("debug"); // no kind: the level is not ours
        assertThat(Documents.get(document, "tapline", "enrichment")).isEqualTo(doc("{'route':'/a/{id}',"
                + "'class':'server_error','status_class':'5xx','pattern':'GET /a/{id} 5xx',"
                + "'pattern_id':'" + PatternId.of("GET /a/{id} 5xx") + "'}"));
    }

    @Test
    void keepsOthersEnrichmentFieldsAndDropsItsOwnStaleOnes() {
        Map<String, Object> document = SampleDocuments.response();
        Documents.put(document, "RuntimeException: boom", "tapline", "enrichment", "enrich_failure");
        Documents.put(document, true, "tapline", "enrichment", "slow");
        Documents.put(document, List.of("xss"), "tapline", "enrichment", "threat");
        enricher.enrich(document);
        assertThat(Documents.get(document, "tapline", "enrichment", "enrich_failure"))
                .isEqualTo("RuntimeException: boom");
        assertThat(Documents.get(document, "tapline", "enrichment", "slow")).isNull();
        assertThat(Documents.get(document, "tapline", "enrichment", "threat")).isNull();
    }

    @Test
    void flagsThreatsSortedAndDistinct() {
        Map<String, Object> document = enricher.enrich(SampleDocuments.attack());
        assertThat(Documents.get(document, "tapline", "enrichment", "threat"))
                .isEqualTo(List.of("path_traversal", "scanner", "sqli"));
        assertThat(Documents.get(document, "tapline", "enrichment", "user_agent_class")).isEqualTo("bot");
        assertThat(Documents.get(document, "tapline", "enrichment", "client_ip_version")).isEqualTo(6);
    }

    @Test
    void findsThreatsInAStoredPathAndQueryWhenThereIsNoOriginal() {
        Map<String, Object> document = enricher.enrich(doc("{'url':{'path':'/a/../../etc/passwd',"
                + "'query':'q=<script>'}}"));
        assertThat(Documents.get(document, "tapline", "enrichment", "threat"))
                .isEqualTo(List.of("path_traversal", "xss"));
        assertThat(Documents.get(document, "tapline", "enrichment", "route")).isEqualTo("/a/../../etc/passwd");
    }

    @Test
    void refusesOnlyADocumentThatIsNotAMap() {
        assertThatThrownBy(() -> enricher.enrich(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("map");
        assertThat(enricher.enrich(doc("{}"))).isEmpty();
    }

    private static void putUnlessNull(Map<String, Object> document, Object value, String... path) {
        if (value != null) {
            Documents.put(document, value, path);
        }
    }
}
