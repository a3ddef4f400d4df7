package io.tapline.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP proxy in front of the embedded node that misbehaves on purpose: it answers the first
 * {@code failRequests} bulk requests with a status of our choosing, and on the next bulk request forwards
 * to Elasticsearch but reports the first item as 429, as an overloaded node would. It keeps every bulk body it
 * receives, so tests can check what went over the wire.
 */
final class FaultInjectingProxy implements AutoCloseable {
    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    final AtomicInteger failRequests = new AtomicInteger();
    volatile int failStatus = 429;
    final AtomicInteger throttleFirstItemOnce = new AtomicInteger();
    final AtomicInteger bulkRequests = new AtomicInteger();
    /** Every {@code _bulk} request body received, in order, whether it was failed or forwarded. */
    final List<byte[]> bulkBodies = new CopyOnWriteArrayList<>();

    FaultInjectingProxy(URI target) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> handle(exchange, target));
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange, URI target) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        boolean bulk = exchange.getRequestURI().getPath().equals("/_bulk");
        if (bulk) {
            bulkRequests.incrementAndGet();
            bulkBodies.add(body);
            if (failRequests.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                respond(exchange, failStatus, "{\"error\":\"injected\",\"status\":" + failStatus + "}");
                return;
            }
        }
        HttpRequest.Builder forward = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type != null) {
            forward.header("Content-Type", type);
        }
        try {
            HttpResponse<String> r = http.send(forward.build(), HttpResponse.BodyHandlers.ofString());
            String out = r.body();
            if (bulk && throttleFirstItemOnce.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                ObjectNode tree = (ObjectNode) mapper.readTree(out);
                tree.put("errors", true);
                ObjectNode first = (ObjectNode) tree.withArray("items").get(0).elements().next();
                first.put("status", 429);
                first.putObject("error").put("type", "es_rejected_execution_exception").put("reason", "injected");
                out = mapper.writeValueAsString(tree);
            }
            respond(exchange, r.statusCode(), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 502, "{}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
