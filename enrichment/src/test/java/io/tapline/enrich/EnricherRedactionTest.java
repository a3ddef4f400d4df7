package io.tapline.enrich;

import io.tapline.redact.RedactionRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.tapline.enrich.SampleDocuments.doc;
import static org.assertj.core.api.Assertions.assertThat;

/** Defence in depth: whatever the proxy missed, no secret reaches the index through enrichment. */
class EnricherRedactionTest {
    private static final String SECRET = "s3cr3tV4lue9";

    static Stream<Arguments> secrets() {
        return Stream.of(
                Arguments.of("authorization header", "{'http':{'request':{'headers':{'Authorization':'Bearer @@'}}}}"),
                Arguments.of("cookie header, any case", "{'http':{'request':{'headers':{'COOKIE':'sid=@@'}}}}"),
                Arguments.of("multi-valued secret header", "{'http':{'request':{'headers':{'x-api-key':['@@','@@']}}}}"),
                Arguments.of("secret header as an object", "{'http':{'request':{'headers':{'x-auth-token':{'v':'@@'}}}}}"),
                Arguments.of("query parameter", "{'url':{'original':'/a?token=@@&x=1'}}"),
                Arguments.of("encoded parameter name", "{'url':{'original':'/a?acc%65ss_token=@@'}}"),
                Arguments.of("query only in url.query", "{'url':{'query':'x=1&password=@@'}}"),
                Arguments.of("query in both", "{'url':{'original':'/a?api_key=@@','query':'api_key=@@'}}"),
                Arguments.of("absolute url with userinfo", "{'url':{'original':'https://bob:@@@h.example/a?sig=@@'}}"),
                Arguments.of("fragment token", "{'url':{'original':'/cb#access_token=@@'}}"),
                Arguments.of("json request body", "{'http':{'request':{'mime_type':'application/json',"
                        + "'body':{'content':'{\\'user\\':{\\'password\\':\\'@@\\'}}'}}}}"),
                Arguments.of("json body without a mime type", "{'http':{'response':{'body':{'content':"
                        + "'{\\'access_token\\':\\'@@\\'}'}}}}"),
                Arguments.of("json body with a list mime type", "{'http':{'response':{'mime_type':['application/json'],"
                        + "'body':{'content':'[{\\'secret\\':\\'@@\\'}]'}}}}"),
                Arguments.of("cut-off json body", "{'http':{'response':{'mime_type':'application/json',"
                        + "'body':{'content':'{\\'items\\':[1,2],\\'token\\':\\'@@'}}}}"),
                Arguments.of("form body", "{'http':{'request':{'mime_type':'application/x-www-form-urlencoded',"
                        + "'body':{'content':'user=bob&password=@@'}}}}"),
                Arguments.of("text body", "{'http':{'request':{'mime_type':'text/plain',"
                        + "'body':{'content':'login with password=@@ now'}}}}"),
                Arguments.of("message key=value", "{'message':'auth failed for token=@@'}"),
                Arguments.of("message bearer token", "{'message':'sent Bearer @@ to upstream'}"),
                Arguments.of("message header line", "{'message':'Authorization: Basic @@'}"),
                Arguments.of("message as a service log line", "{'tapline':{'kind':'event'},"
                        + "'message':'[ERROR] login failed: password=@@'}"),
                Arguments.of("message that is a json log line", "{'message':'{\\'level\\':\\'info\\',"
                        + "\\'client_secret\\':\\'@@\\'}'}"),
                Arguments.of("raw event as logstash keeps it", "{'event':{'original':"
                        + "'{\\'url\\':\\'/a\\',\\'password\\':\\'@@\\'}'}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void noSecretSurvivesEnrichment(String where, String json) {
        Map<String, Object> document = doc(json.replace("@@", SECRET));
        assertThat(SampleDocuments.toJson(document)).contains(SECRET);
        Enricher.withDefaults().enrich(document);
        assertThat(SampleDocuments.toJson(document)).doesNotContain(SECRET).contains("[REDACTED]");
    }

    @Test
    void noSecretLeaksIntoTheDerivedFields() {
        Map<String, Object> document = doc("{'tapline':{'kind':'event'},'url':{'original':'/a?token=" + SECRET + "'},"
                + "'message':'retry with password=" + SECRET + "'}");
        Enricher.withDefaults().enrich(document);
        assertThat(Documents.get(document, "url", "query")).isEqualTo("token=[REDACTED]");
        assertThat((String) Documents.get(document, "tapline", "enrichment", "pattern")).doesNotContain(SECRET);
    }

    @Test
    void redactsTheNamesTheSettingsAdd() {
        Enricher custom = new Enricher(EnrichmentConfig.fromSettings(Map.of("redact_headers", List.of("X-Session"),
                "redact_query_params", List.of("sid"), "redact_json_fields", List.of("iban"))));
        Map<String, Object> document = doc("{'http':{'request':{'headers':{'x-session':'" + SECRET + "'},"
                + "'mime_type':'application/json','body':{'content':'{\\'iban\\':\\'" + SECRET + "\\'}'}}},"
                + "'url':{'original':'/a?sid=" + SECRET + "'}}");
        custom.enrich(document);
        assertThat(SampleDocuments.toJson(document)).doesNotContain(SECRET);
    }

    @Test
    void rulesWithoutDefaultsLeaveEverythingElse() {
        Enricher none = new Enricher(EnrichmentConfig.builder().redaction(RedactionRules.none()).build());
        Map<String, Object> document = doc("{'url':{'original':'/a?token=t'},'http':{'request':{'headers':"
                + "{'authorization':'Bearer abcdefghijkl'}}}}");
        none.enrich(document);
        assertThat(Documents.get(document, "url", "original")).isEqualTo("/a?token=t");
        assertThat(Documents.get(document, "http", "request", "headers", "authorization"))
                .isEqualTo("Bearer abcdefghijkl");
    }
}
