package io.tapline.cli.setup;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The stand-in refuses what Kibana refuses, so that the importer's tests passing means something. */
class FakeKibanaTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void requestsWithoutXsrfHeaderOverwriteQueryOrMultipartFileAreRefused() throws Exception {
        try (FakeKibana kibana = new FakeKibana(null, null)) {
            URI importUri = URI.create(kibana.url() + "/api/saved_objects/_import?overwrite=true");
            assertThat(post(importUri, "text/plain", "x", false).statusCode()).isEqualTo(400);
            assertThat(post(URI.create(kibana.url() + "/api/saved_objects/_import"), "text/plain", "x", true)
                    .statusCode()).isEqualTo(404);
            assertThat(post(importUri, "application/ndjson", "{}", true).statusCode()).isEqualTo(400);
            Multipart wrongField = Multipart.file("upload", "tapline.ndjson", "application/ndjson",
                    "{}".getBytes(StandardCharsets.UTF_8));
            assertThat(post(importUri, wrongField.contentType(), new String(wrongField.body(), StandardCharsets.UTF_8),
                    true).statusCode()).isEqualTo(400);
            assertThat(kibana.violations()).contains("400 Request must contain a kbn-xsrf header.",
                    "404 no route for /api/saved_objects/_import",
                    "import Content-Type is not multipart/form-data with a boundary: application/ndjson")
                    .anyMatch(v -> v.startsWith("import part is not the file field"));
            assertThat(kibana.imports()).isEmpty();
        }
    }

    private HttpResponse<String> post(URI uri, String contentType, String body, boolean xsrf) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (xsrf) {
            b.header("kbn-xsrf", "true");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
