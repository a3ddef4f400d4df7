package io.tapline.enrich;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Enrichment runs on every record in the proxy's sink path: large inputs must cost linear time, and little. */
class EnricherPerformanceTest {
    private static final long BUDGET_NANOS = 100_000_000L;
    private final Enricher enricher = Enricher.withDefaults();

    @Test
    void enrichesADocumentWithAnEightKibibyteUrlWellUnder100Ms() {
        StringBuilder url = new StringBuilder("/v1");
        while (url.length() < 8192) {
            url.append("/users/42/9f1c2a3b4c5d/%2e%2e/caf\u00e9");
        }
        url.append("?q=").append("a%20b&token=t&".repeat(600));
        Map<String, Object> template = realisticWith("url", "original", url.toString());
        assertThat(Timing.bestOfNanos(5, () -> enricher.enrich(SampleDocuments.copy(template))))
                .isLessThan(BUDGET_NANOS);
    }

    @Test
    void enrichesADocumentWithAMebibyteJsonBodyWellUnder100Ms() {
        StringBuilder body = new StringBuilder("{\"items\":[");
        while (body.length() < 1 << 20) {
            body.append("{\"id\":123456,\"name\":\"caf\u00e9 \\\"quoted\\\"\",\"token\":\"abcdef\",\"n\":[1,2,{\"x\":null}]},");
        }
        body.append("{}]}");
        Map<String, Object> template = realisticWith("http", "response", "body", "content", body.toString());
        assertThat(Timing.bestOfNanos(5, () -> enricher.enrich(SampleDocuments.copy(template))))
                .isLessThan(BUDGET_NANOS);
    }

    @Test
    void enrichesADocumentWithAMebibyteTextBodyAndMessageWellUnder100Ms() {
        String text = "line with password=abc and Bearer abcdefghijkl and 10.0.0.1 at 2024-06-12 42 ms\n"
                .repeat((1 << 20) / 80);
        Map<String, Object> template = realisticWith("tapline", "kind", "event");
        Documents.put(template, text, "message");
        Documents.put(template, "text/plain", "http", "request", "mime_type");
        Documents.put(template, text, "http", "request", "body", "content");
        assertThat(Timing.bestOfNanos(5, () -> enricher.enrich(SampleDocuments.copy(template))))
                .isLessThan(2 * BUDGET_NANOS); // two mebibytes of text
    }

    private static Map<String, Object> realisticWith(String... pathThenValue) {
        Map<String, Object> document = SampleDocuments.response();
        String[] path = java.util.Arrays.copyOf(pathThenValue, pathThenValue.length - 1);
        Documents.put(document, pathThenValue[pathThenValue.length - 1], path);
        return document;
    }
}
