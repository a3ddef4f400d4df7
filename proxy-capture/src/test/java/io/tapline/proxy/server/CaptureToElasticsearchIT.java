package io.tapline.proxy.server;

import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.schema.Source;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.ElasticsearchStore;
import io.tapline.store.LogQuery;
import io.tapline.store.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** client → proxy → real upstream → direct sink → embedded Elasticsearch, checked in what Elasticsearch holds. */
@ExtendWith(EmbeddedElasticsearchExtension.class)
class CaptureToElasticsearchIT {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void everyExchangeIsStoredWithEveryFieldRightAndPairedByTraceId(URI es, @TempDir Path dir) throws Exception {
        CaptureStack.installSchema(es);
        int[] statuses = {200, 201, 404, 500, 204};
        try (TestUpstream up = new TestUpstream();
             CaptureStack stack = new CaptureStack(es, """
                     routes:
                       - name: e2e
                         upstreams: [%s]
                         projectId: proj_e2e
                         containerId: cnt_e2e_1
                         serviceName: orders-api
                         source: edge
                     """.formatted(up.uri()), dir.resolve("spool"))) {
            for (int i = 0; i < 20; i++) {
                int status = statuses[i % statuses.length];
                HttpRequest.Builder b = HttpRequest.newBuilder(stack.uri("/status/" + status + "?i=" + i))
                        .header("User-Agent", "e2e-agent/" + i);
                if (i % 2 == 0) {
                    b.POST(HttpRequest.BodyPublishers.ofString("x".repeat(i)));
                }
                assertThat(http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(status);
            }
            assertThat(stack.pipeline.flush(Duration.ofSeconds(20))).isTrue();
        }
        List<LogRecord> stored = search(es, "proj_e2e", 100);
        assertThat(stored).hasSize(40);
        Map<String, List<LogRecord>> byTrace = stored.stream().collect(Collectors.groupingBy(LogRecord::traceId));
        assertThat(byTrace).hasSize(20);
        for (List<LogRecord> pair : byTrace.values()) {
            assertThat(pair).extracting(LogRecord::kind).containsExactlyInAnyOrder(Kind.REQUEST, Kind.RESPONSE);
            LogRecord req = pair.stream().filter(r -> r.kind() == Kind.REQUEST).findFirst().orElseThrow();
            LogRecord res = pair.stream().filter(r -> r.kind() == Kind.RESPONSE).findFirst().orElseThrow();
            int i = Integer.parseInt(req.url().substring(req.url().indexOf("i=") + 2));
            int status = statuses[i % statuses.length];
            for (LogRecord r : pair) {
                assertThat(r.projectId()).isEqualTo("proj_e2e");
                assertThat(r.containerId()).isEqualTo("cnt_e2e_1");
                assertThat(r.serviceName()).isEqualTo("orders-api");
                assertThat(r.source()).isEqualTo(Source.EDGE);
                assertThat(r.method()).isEqualTo(i % 2 == 0 ? "POST" : "GET");
                assertThat(r.url()).isEqualTo("/status/" + status + "?i=" + i);
                assertThat(r.clientIp()).isEqualTo("127.0.0.1");
                assertThat(r.userAgent()).isEqualTo("e2e-agent/" + i);
            }
            assertThat(req.bytesIn()).isEqualTo(i % 2 == 0 ? i : 0);
            assertThat(req.tsMs()).isLessThanOrEqualTo(res.tsMs());
            assertThat(res.status()).isEqualTo(status);
            assertThat(res.level()).isEqualTo(status >= 500 ? Level.ERROR : status >= 400 ? Level.WARN : Level.INFO);
            assertThat(res.durationMs()).isNotNull().isBetween(0L, 5_000L);
            // enriched on the way in, as the Logstash filter would have done
            assertThat(res.enrichment()).containsEntry("route", "/status/{id}")
                    .containsEntry("status_class", status / 100 + "xx");
            assertThat(req.enrichment()).containsEntry("route", "/status/{id}").containsKey("pattern_id");
            assertThat(res.bytesOut()).isEqualTo(status == 204 ? 0 : ("{\"path\":\"/status/" + status
                    + "\",\"received\":" + (i % 2 == 0 ? i : 0) + ",\"secret\":\"s3cr3t-response\"}").length());
        }
    }

    @Test
    void noConfiguredSecretEverReachesElasticsearch(URI es, @TempDir Path dir) throws Exception {
        CaptureStack.installSchema(es);
        List<String> secrets = List.of("Bearer-AUTH-SECRET-1", "COOKIE-SECRET-2", "APIKEY-SECRET-3", "QUERYTOKEN-SECRET-4",
                "QUERYPASS-SECRET-5", "JSONPASS-SECRET-6", "NESTED-SECRET-7", "CUSTOMHEADER-SECRET-8", "s3cr3t-response",
                "SOAPPASS-SECRET-9", "XMLTOKEN-SECRET-10", "STRINGJSON-SECRET-11", "STRINGURL-SECRET-12");
        try (TestUpstream up = new TestUpstream();
             CaptureStack stack = new CaptureStack(es, """
                     redaction: { headers: [x-custom-secret] }
                     routes:
                       - name: secrets
                         upstreams: [%s]
                         projectId: proj_secrets
                         capture: { requestBody: true, responseBody: true, maxBodyBytes: 4096 }
                     """.formatted(up.uri()), dir.resolve("spool"))) {
            http.send(HttpRequest.newBuilder(stack.uri("/login?user=ada&token=QUERYTOKEN-SECRET-4&password=QUERYPASS-SECRET-5"))
                    .header("Authorization", "Bearer Bearer-AUTH-SECRET-1")
                    .header("Cookie", "session=COOKIE-SECRET-2")
                    .header("X-API-Key", "APIKEY-SECRET-3")
                    .header("X-Custom-Secret", "CUSTOMHEADER-SECRET-8")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"ada\",\"password\":\"JSONPASS-SECRET-6\","
                            + "\"profile\":{\"settings\":[{\"api_key\":\"NESTED-SECRET-7\"}]}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            // A SOAP envelope, and JSON carrying JSON and a URL serialized into string values.
            http.send(HttpRequest.newBuilder(stack.uri("/soap")).header("Content-Type", "text/xml; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString("<s:Envelope><s:Header><wsse:UsernameToken>"
                            + "<wsse:Username>ada</wsse:Username><wsse:Password Type=\"PasswordText\">SOAPPASS-SECRET-9"
                            + "</wsse:Password></wsse:UsernameToken></s:Header><s:Body><token>XMLTOKEN-SECRET-10</token>"
                            + "</s:Body></s:Envelope>")).build(), HttpResponse.BodyHandlers.ofString());
            http.send(HttpRequest.newBuilder(stack.uri("/events")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"ada\",\"event\":\"{\\\"password\\\":"
                            + "\\\"STRINGJSON-SECRET-11\\\"}\",\"callback\":\"https://h.example/cb?access_token="
                            + "STRINGURL-SECRET-12&state=1\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stack.pipeline.flush(Duration.ofSeconds(20))).isTrue();
        }
        List<LogRecord> stored = search(es, "proj_secrets", 10); // also refreshes
        assertThat(stored).hasSize(6);
        String everything = rawDocuments(es, "proj_secrets");
        assertThat(everything).contains("ada").contains("[REDACTED]");
        for (String secret : secrets) {
            assertThat(everything).as("stored documents").doesNotContain(secret);
            HttpResponse<String> hits = http.send(HttpRequest.newBuilder(es.resolve(
                    "/tapline-logs-*/_count?q=" + java.net.URLEncoder.encode("\"" + secret + "\"", "UTF-8"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(hits.body()).as("full-text search for " + secret).contains("\"count\":0");
        }
    }

    static List<LogRecord> search(URI es, String project, int limit) {
        try (ElasticsearchConnection c = ElasticsearchConnection.open(StoreConfig.of(es), new com.fasterxml.jackson.databind.ObjectMapper())) {
            ElasticsearchStore store = new ElasticsearchStore(c);
            store.refresh();
            return store.search(new LogQuery(Set.of(project), limit, 0)).records();
        }
    }

    private String rawDocuments(URI es, String project) throws Exception {
        String query = "{\"size\":100,\"query\":{\"term\":{\"tapline.project_id\":\"" + project + "\"}}}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(es.resolve("/tapline-logs-*/_search"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(query)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
