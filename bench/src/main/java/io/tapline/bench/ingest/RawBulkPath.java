package io.tapline.bench.ingest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The reference: pre-built {@code _bulk} bodies POSTed one after another with the JDK's HTTP client. What is
 * left to time is Elasticsearch's own work plus the least a client can do, so the store's overhead shows as
 * the gap between the two paths.
 */
final class RawBulkPath implements IngestPath {
    /**
     * The response filter {@code BulkIndexer} asks for. Using the same one makes Elasticsearch do the same work
     * on both paths (a full bulk response is several times larger), so the comparison is of the clients alone.
     */
    static final String FILTER_PATH = "errors,items.*.status,items.*.error";

    /** The store's default socket timeout ({@code StoreConfig.of}). */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final URI bulkUri;
    private final NdjsonBatches batches;

    RawBulkPath(HttpClient http, URI esUrl, NdjsonBatches batches) {
        this.http = http;
        this.bulkUri = esUrl.resolve("/_bulk?filter_path=" + FILTER_PATH);
        this.batches = batches;
    }

    @Override
    public String name() {
        return "raw";
    }

    @Override
    public int documents() {
        return batches.documents();
    }

    @Override
    public void run() throws Exception {
        for (byte[] body : batches.bodies()) {
            HttpRequest request = HttpRequest.newBuilder(bulkUri)
                    .header("Content-Type", "application/x-ndjson")
                    .timeout(REQUEST_TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            byte[] answer = response.body();
            // "errors" is the first key of a filtered response; 64 bytes also cover an unfiltered one's "took".
            String head = new String(answer, 0, Math.min(64, answer.length), StandardCharsets.UTF_8);
            if (response.statusCode() != 200 || !head.contains("\"errors\":false")) {
                String text = new String(answer, 0, Math.min(500, answer.length), StandardCharsets.UTF_8);
                throw new IllegalStateException("raw _bulk answered " + response.statusCode() + ": " + text);
            }
        }
    }
}
