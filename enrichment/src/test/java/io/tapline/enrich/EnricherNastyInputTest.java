package io.tapline.enrich;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.tapline.enrich.SampleDocuments.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Whatever shape a document arrives in, enrichment skips what it cannot understand and never throws. */
class EnricherNastyInputTest {
    private final Enricher enricher = Enricher.withDefaults();

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("status as a string", "{'tapline':{'kind':'response'},'http':{'response':{'status_code':'503'}}}",
                        "{'class':'server_error','status_class':'5xx'}", "error"),
                Arguments.of("status as a double", "{'tapline':{'kind':'response'},'http':{'response':{'status_code':404.0}}}",
                        "{'class':'client_error','status_class':'4xx'}", "warn"),
                Arguments.of("status not a number", "{'tapline':{'kind':'response'},'http':{'response':{'status_code':'abc'}}}",
                        "{}", "info"),
                Arguments.of("status out of range", "{'tapline':{'kind':'response'},'http':{'response':{'status_code':99999}}}",
                        "{}", "info"),
                Arguments.of("status as a list", "{'tapline':{'kind':'response'},'http':{'response':{'status_code':[500]}}}",
                        "{}", "info"),
                Arguments.of("status as an object", "{'tapline':{'kind':'response'},'http':{'response':{'status_code':{'v':500}}}}",
                        "{}", "info"),
                Arguments.of("status as a boolean", "{'tapline':{'kind':'response'},'http':{'response':{'status_code':true}}}",
                        "{}", "info"),
                Arguments.of("duration as a string", "{'tapline':{'kind':'response'},'event':{'duration':'2000000000'}}",
                        "{'slow':true}", "warn"),
                Arguments.of("duration not a number", "{'tapline':{'kind':'response'},'event':{'duration':'slow'}}",
                        "{}", "info"),
                Arguments.of("duration negative", "{'tapline':{'kind':'response'},'event':{'duration':-5000000000}}",
                        "{}", "info"),
                Arguments.of("duration huge", "{'tapline':{'kind':'response'},'event':{'duration':1e300}}",
                        "{'slow':true}", "warn"),
                Arguments.of("url.original as a number", "{'url':{'original':42}}", "{}", null),
                Arguments.of("url.original as a one-element list", "{'url':{'original':['/a/7']}}",
                        "{'route':'/a/{id}','pattern':'/a/{id}','pattern_id':'" + PatternId.of("/a/{id}") + "'}", null),
                Arguments.of("url.original garbage, url.path kept", "{'url':{'original':'*','path':'/b/8'}}",
                        "{'route':'/b/{id}','pattern':'/b/{id}','pattern_id':'" + PatternId.of("/b/{id}") + "'}", null),
                Arguments.of("url as a string", "{'url':'/a/1'}", "{}", null),
                Arguments.of("kind as a number", "{'tapline':{'kind':7},'log':{'level':'bogus'}}", "{}", "bogus"),
                Arguments.of("log level as a number on an event", "{'tapline':{'kind':'event'},'log':{'level':3}}",
                        "{'class':'event'}", "info"),
                Arguments.of("message as an object", "{'tapline':{'kind':'event'},'message':{'text':'[ERROR] x'}}",
                        "{'class':'event'}", "info"),
                Arguments.of("user agent as a number", "{'user_agent':{'original':12345}}", "{}", null),
                Arguments.of("client ip as a number", "{'client':{'ip':3232235777}}", "{}", null),
                Arguments.of("client ip as a list of two", "{'client':{'ip':['10.0.0.1','8.8.8.8']}}", "{}", null),
                Arguments.of("client ip as a host name", "{'client':{'ip':'localhost'}}", "{}", null),
                Arguments.of("every field null", "{'@timestamp':null,'tapline':null,'log':null,'http':null,'url':null,"
                        + "'client':null,'user_agent':null,'event':null,'message':null,'service':null}", "{}", null),
                Arguments.of("every object empty", "{'tapline':{},'log':{},'http':{'request':{},'response':{}},"
                        + "'url':{},'client':{},'user_agent':{},'event':{},'service':{}}", "{}", null),
                Arguments.of("empty strings", "{'tapline':{'kind':''},'http':{'request':{'method':''},"
                        + "'response':{'status_code':''}},'url':{'original':''},'client':{'ip':''},"
                        + "'user_agent':{'original':''},'message':''}", "{}", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongTypes")
    void skipsWhatItCannotUnderstand(String name, String json, String enrichment, String level) {
        Map<String, Object> document = doc(json);
        assertThatCode(() -> enricher.enrich(document)).doesNotThrowAnyException();
        Object written = Documents.get(document, "tapline", "enrichment");
        assertThat(written == null ? Map.of() : written).isEqualTo(doc(enrichment));
        assertThat(Documents.get(document, "log", "level")).isEqualTo(level);
    }

    @Test
    void writesNothingIntoADocumentMissingEveryField() {
        Map<String, Object> document = new HashMap<>();
        enricher.enrich(document);
        assertThat(document).isEmpty();
    }

    @Test
    void leavesScalarsWhereObjectsWereExpectedAlone() {
        Map<String, Object> document = doc("{'tapline':'not an object','log':'error','url':{'original':'/a/1'},"
                + "'user_agent':'curl/8.5.0','http':{'request':{'method':'GET','headers':'Authorization: Bearer x'}}}");
        enricher.enrich(document);
        assertThat(document.get("tapline")).isEqualTo("not an object");
        assertThat(document.get("log")).isEqualTo("error");
        assertThat(document.get("user_agent")).isEqualTo("curl/8.5.0");
        assertThat(Documents.get(document, "url", "path")).isEqualTo("/a/1");
    }

    @Test
    void scrubsHeadersThatArriveAsAListOfLines() {
        Map<String, Object> document = doc("{'http':{'request':{'headers':['Accept: */*',"
                + "'Authorization: Bearer abcdefghijkl',42]}}}");
        enricher.enrich(document);
        assertThat(Documents.get(document, "http", "request", "headers"))
                .isEqualTo(Arrays.asList("Accept: */*", "Authorization: [REDACTED]", 42));
    }

    @Test
    void toleratesReplacementCharactersLoneSurrogatesAndControlCharacters() {
        String broken = "/caf\uFFFD/\uD800x/\u0000\u001b[31m/42?q=\uDC00\uFFFD&token=\uD83D";
        Map<String, Object> document = doc("{'tapline':{'kind':'event'}}");
        Documents.put(document, broken, "url", "original");
        Documents.put(document, "[ERROR] \uD800 broken \uFFFD\uFFFD 42 token=\uDFFF", "message");
        Documents.put(document, "Mozilla/5.0 \uFFFD\uD800 Chrome/\uFFFD", "user_agent", "original");
        Documents.put(document, "10.0.0.1\uFFFD", "client", "ip");
        assertThatCode(() -> enricher.enrich(document)).doesNotThrowAnyException();
        assertThat(Documents.get(document, "tapline", "enrichment", "route"))
                .isEqualTo("/caf\uFFFD/\uD800x/\u0000\u001b[31m/{id}");
        assertThat(Documents.get(document, "log", "level")).isEqualTo("error");
        assertThat((String) Documents.get(document, "url", "original")).endsWith("token=[REDACTED]");
        assertThat((String) Documents.get(document, "message")).endsWith("token=[REDACTED]");
        assertThat(Documents.get(document, "tapline", "enrichment", "client_ip_class")).isNull();
    }

    @Test
    void editsReadOnlyNestedObjectsThroughMutableCopies() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("tapline", Map.of("kind", "response", "enrichment", Map.of("enrich_failure", "x")));
        document.put("http", Map.of("request", Map.of("method", "GET", "headers",
                Collections.unmodifiableMap(new LinkedHashMap<>(Map.of("Cookie", "sid=1")))),
                "response", Map.of("status_code", 200)));
        document.put("url", Map.of("original", "/a/1?token=t"));
        enricher.enrich(document);
        assertThat(Documents.get(document, "tapline", "enrichment", "class")).isEqualTo("success");
        assertThat(Documents.get(document, "tapline", "enrichment", "enrich_failure")).isEqualTo("x");
        assertThat(Documents.get(document, "http", "request", "headers", "Cookie")).isEqualTo("[REDACTED]");
        assertThat(Documents.get(document, "url", "original")).isEqualTo("/a/1?token=[REDACTED]");
        assertThat(Documents.get(document, "log", "level")).isEqualTo("info");
    }

    @Test
    void handlesAnEightKibibyteUrlOfEveryOddity() {
        StringBuilder url = new StringBuilder("/");
        String[] pieces = {"%2e%2e/", "..//", "caf\u00e9/", "%E2%9C%93/", "42/", "\uFFFD/", "a%zz/", "////"};
        for (int i = 0; url.length() < 8192; i++) {
            url.append(pieces[i % pieces.length]);
        }
        url.append("?q=").append("x&".repeat(2048));
        Map<String, Object> document = doc("{'tapline':{'kind':'request'},'http':{'request':{'method':'GET'}}}");
        Documents.put(document, url.toString(), "url", "original");
        enricher.enrich(document);
        assertThat((String) Documents.get(document, "tapline", "enrichment", "route"))
                .hasSizeLessThanOrEqualTo(RouteTemplate.MAX_LENGTH);
        assertThat((String) Documents.get(document, "tapline", "enrichment", "pattern"))
                .hasSizeLessThanOrEqualTo(MessagePattern.MAX_LENGTH);
        assertThat(Documents.get(document, "tapline", "enrichment", "threat")).isEqualTo(List.of("path_traversal"));
    }

    @Test
    void acceptsAMapWithNullValuesAndForeignKeyTypes() {
        Map<String, Object> document = new HashMap<>();
        document.put("http", new HashMap<>(Map.of("request", new ArrayList<>(List.of("x")))));
        document.put("message", null);
        Map<Object, Object> headers = new java.util.TreeMap<>();
        headers.put(1, "one");
        Documents.put(document, headers, "http", "response", "headers");
        assertThatCode(() -> enricher.enrich(document)).doesNotThrowAnyException();
    }
}
