package io.tapline.proxy.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP upstream on loopback for the proxy's tests: echoes what it received, answers slowly, with a
 * status of the request's choosing, or with a large streamed body.
 */
final class TestUpstream implements AutoCloseable {
    static {
        // The JDK server writes a response's head and body separately; with Nagle on, the body waits for the
        // delayed ACK of the head (40 ms), which makes every keep-alive exchange take 40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    final HttpServer server;
    final AtomicInteger requests = new AtomicInteger();
    volatile String lastHeaders = "";

    TestUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        StringBuilder h = new StringBuilder();
        ex.getRequestHeaders().forEach((k, v) -> h.append(k.toLowerCase()).append(": ").append(String.join(",", v)).append('\n'));
        lastHeaders = h.toString();
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getRawQuery();
        long received = 0;
        try (InputStream in = ex.getRequestBody()) {
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                received += n;
            }
        }
        if (path.startsWith("/slow")) {
            sleep(Long.parseLong(query == null ? "2000" : query.replace("ms=", "")));
        }
        if (path.startsWith("/big")) {
            long size = Long.parseLong(query.replace("bytes=", ""));
            ex.getResponseHeaders().set("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, 0); // chunked
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'x');
            try (OutputStream out = ex.getResponseBody()) {
                for (long sent = 0; sent < size; ) {
                    int n = (int) Math.min(chunk.length, size - sent);
                    out.write(chunk, 0, n);
                    sent += n;
                }
            }
            return;
        }
        int status = path.startsWith("/status/") ? Integer.parseInt(path.substring(8)) : 200;
        byte[] body = ("{\"path\":\"" + path + "\",\"received\":" + received + ",\"secret\":\"s3cr3t-response\"}")
                .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, status == 204 ? -1 : body.length);
        if (status != 204) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        ex.close();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
