package io.tapline.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The admin port of {@code tapline proxy}, which runs no API: only {@code GET /metrics} (Prometheus text), so that
 * a capture proxy deployed on its own can be scraped like the all-in-one process. Anything else gets the API's
 * error shape (404, or 405 with {@code Allow}).
 */
final class MetricsListener implements AutoCloseable {
    private static final String PATH = "/metrics";

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsListener(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds {@code address} (port 0: any free port) and serves {@code metrics} there. */
    static MetricsListener start(InetSocketAddress address, Supplier<String> metrics) throws IOException {
        HttpServer server = HttpServer.create(address, 16);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tapline-metrics");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                answer(exchange, metrics);
            }
        });
        server.start();
        return new MetricsListener(server, executor);
    }

    private static void answer(HttpExchange exchange, Supplier<String> metrics) throws IOException {
        String method = exchange.getRequestMethod();
        if (!PATH.equals(exchange.getRequestURI().getPath())) {
            error(exchange, 404, "Not Found", "no such path; this listener serves GET " + PATH);
        } else if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            error(exchange, 405, "Method Not Allowed", "only GET and HEAD are allowed on " + PATH);
        } else {
            send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get(), method.equals("HEAD"));
        }
    }

    private static void error(HttpExchange exchange, int status, String error, String message) throws IOException {
        // the messages above are fixed text: nothing from the request is echoed into the JSON
        send(exchange, status, "application/json", "{\"statusCode\":" + status + ",\"error\":\"" + error
                + "\",\"message\":\"" + message + "\"}", false);
    }

    private static void send(HttpExchange exchange, int status, String type, String body, boolean head)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
