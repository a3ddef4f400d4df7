package io.tapline.bench.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.schema.IndexNames;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The untimed housekeeping the benchmark does on its cluster: emptying the Tapline indices, counting, describing. */
final class BenchCluster {
    private final HttpClient http;
    private final URI esUrl;
    private final ObjectMapper mapper;

    BenchCluster(HttpClient http, URI esUrl, ObjectMapper mapper) {
        this.http = http;
        this.esUrl = esUrl;
        this.mapper = mapper;
    }

    /** What the report says about the node. */
    record NodeFacts(String version, String jvm, long heapMaxBytes, int processors) {
    }

    /** Every existing {@code tapline-logs-*} index. */
    List<String> taplineIndices() throws IOException, InterruptedException {
        JsonNode rows = get("/_cat/indices/" + IndexNames.PATTERN + "?h=index&format=json&expand_wildcards=all");
        List<String> names = new ArrayList<>();
        rows.forEach(r -> names.add(r.path("index").asText()));
        return names;
    }

    /**
     * Deletes every {@code tapline-logs-*} index by name (Elasticsearch 8 refuses wildcard deletes by default), so
     * the next run creates its documents instead of overwriting them.
     */
    void deleteTaplineIndices() throws IOException, InterruptedException {
        List<String> names = taplineIndices();
        if (!names.isEmpty()) {
            send(HttpRequest.newBuilder(esUrl.resolve("/" + String.join(",", names))).DELETE().build());
        }
    }

    /**
     * Creates {@code indices} (the template gives them their settings and mappings) and waits until their shards
     * are started. Untimed: a daily index is created once a day in production, so its creation is no part of what
     * a bulk request costs, and on this benchmark's node it took a varying part of a second per run.
     */
    void createIndices(Collection<String> indices) throws IOException, InterruptedException {
        for (String index : indices) {
            send(HttpRequest.newBuilder(esUrl.resolve("/" + index)).PUT(HttpRequest.BodyPublishers.noBody()).build());
        }
        if (!indices.isEmpty()) {
            JsonNode health = get("/_cluster/health/" + String.join(",", indices)
                    + "?wait_for_status=yellow&wait_for_no_initializing_shards=true&timeout=60s");
            if (health.path("timed_out").asBoolean(true)) {
                throw new IOException("the benchmark's indices did not start within 60 s: " + health);
            }
        }
    }

    /** Documents in {@code tapline-logs-*}, as of the last refresh. */
    long count() throws IOException, InterruptedException {
        return get("/" + IndexNames.PATTERN + "/_count").path("count").asLong(-1);
    }

    NodeFacts describe() throws IOException, InterruptedException {
        JsonNode nodes = get("/_nodes/_local/jvm,os").path("nodes");
        JsonNode node = nodes.elements().hasNext() ? nodes.elements().next() : mapper.createObjectNode();
        JsonNode jvm = node.path("jvm");
        return new NodeFacts(node.path("version").asText("?"),
                jvm.path("version").asText("?") + " (" + jvm.path("vm_name").asText("?") + ")",
                jvm.path("mem").path("heap_max_in_bytes").asLong(-1),
                node.path("os").path("available_processors").asInt(-1));
    }

    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        return mapper.readTree(send(HttpRequest.newBuilder(esUrl.resolve(pathAndQuery)).GET().build()));
    }

    private byte[] send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return response.body();
    }
}
