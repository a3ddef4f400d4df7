package io.tapline.proxy.server;

import io.tapline.schema.Kind;
import io.tapline.schema.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Broken and hostile requests get 400/431/408, an event record each, and the proxy keeps serving others. */
class MalformedRequestsIT {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final HttpClient http = HttpClient.newHttpClient();
    private TestUpstream upstream;
    private RunningProxy proxy;

    @BeforeEach
    void start() throws Exception {
        upstream = new TestUpstream();
        proxy = new RunningProxy(RunningProxy.singleRoute(upstream.uri(), ""), b -> b.headTimeoutMs(800));
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.close();
    }

    @Test
    void aBadRequestLineIs400AndAnEvent() throws Exception {
        try (RawClient c = new RawClient(proxy.port())) {
            String answer = c.send("THIS IS NOT HTTP\r\n\r\n").readAll();
            assertThat(answer).startsWith("HTTP/1.1 400 Bad Request").contains("\"statusCode\":400");
        }
        LogRecord event = proxy.sink.awaitOne(Kind.EVENT, "malformed_request", WAIT);
        assertThat(event.status()).isEqualTo(400);
        assertThat(upstream.requests.get()).isZero();
        assertStillServing();
    }

    @Test
    void a64KiBHeaderIs431AndAnEvent() throws Exception {
        try (RawClient c = new RawClient(proxy.port())) {
            String answer = c.send("GET /x HTTP/1.1\r\nHost: a\r\nX-Big: " + "a".repeat(64 * 1024) + "\r\n\r\n").readAll();
            assertThat(answer).startsWith("HTTP/1.1 431");
        }
        assertThat(proxy.sink.awaitOne(Kind.EVENT, "header_too_large", WAIT).status()).isEqualTo(431);
        assertStillServing();
    }

    @Test
    void aRejectedHeadIsAnsweredInFullWhileTheClientKeepsSending() throws Exception {
        // Closing with unread input resets the connection, which can destroy the answer in flight: the proxy shuts
        // its write side after the answer and discards the rest (a lingering close), at most LINGER_MS long.
        long start = System.nanoTime();
        try (RawClient c = new RawClient(proxy.port())) {
            c.send("GET /x HTTP/1.1\r\nHost: a\r\nX-Big: " + "a".repeat(64 * 1024) + "\r\n\r\n");
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 64; i++) {
                        c.send("b".repeat(16 * 1024)); // still sending after the answer
                    }
                } catch (java.io.IOException e) {
                    // the proxy closed after its linger: expected once it has answered
                }
            });
            writer.start();
            String answer = c.readAll();
            assertThat(answer).startsWith("HTTP/1.1 431").contains("\"statusCode\":431");
            writer.join(10_000);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        assertThat(proxy.sink.awaitOne(Kind.EVENT, "header_too_large", WAIT).status()).isEqualTo(431);
        assertStillServing();
    }

    @Test
    void aSlowlorisHeadIs408AndAnEvent() throws Exception {
        long start = System.nanoTime();
        try (RawClient c = new RawClient(proxy.port())) {
            c.send("GET /x HTTP/1.1\r\n");
            for (int i = 0; i < 3; i++) {
                Thread.sleep(300);
                c.send("X-Drip-" + i + ": 1\r\n"); // never finishes the head
            }
            String answer = c.readAll();
            assertThat(answer).startsWith("HTTP/1.1 408");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(proxy.sink.awaitOne(Kind.EVENT, "request_timeout", WAIT).status()).isEqualTo(408);
        assertThat(upstream.requests.get()).isZero();
        assertStillServing();
    }

    @Test
    void anIdleKeepAliveConnectionIsNotMistakenForSlowloris() throws Exception {
        try (RawClient c = new RawClient(proxy.port())) {
            String first = c.send("GET /one HTTP/1.1\r\nHost: a\r\n\r\n").readUntil("}");
            assertThat(first).startsWith("HTTP/1.1 200");
            Thread.sleep(1200); // longer than the head timeout, but no head has begun
            String second = c.send("GET /two HTTP/1.1\r\nHost: a\r\n\r\n").readUntil("}");
            assertThat(second).startsWith("HTTP/1.1 200").contains("/two");
        }
        assertThat(proxy.sink.all()).noneMatch(r -> "request_timeout".equals(r.action()));
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (RawClient c = new RawClient(proxy.port())) {
            String answer = c.send("GET /p1 HTTP/1.1\r\nHost: a\r\n\r\nGET /p2 HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "GET /p3 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").readAll();
            assertThat(answer.indexOf("/p1")).isLessThan(answer.indexOf("/p2"));
            assertThat(answer.indexOf("/p2")).isLessThan(answer.indexOf("/p3"));
            assertThat(answer.split("HTTP/1.1 200", -1)).hasSize(4);
        }
    }

    @Test
    void morePipelinedRequestsThanTheProxyHoldsAreAllAnsweredInOrder() throws Exception {
        // 1 KiB per request: three times the bytes the proxy holds before it stops reading from the client.
        String pad = "X-Pad: " + "p".repeat(1000) + "\r\n";
        int n = 3 * FrontendHandler.MAX_HELD_BYTES / 1024;
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < n; i++) {
            requests.append("GET /q").append(i).append(" HTTP/1.1\r\nHost: a\r\n").append(pad)
                    .append(i == n - 1 ? "Connection: close\r\n" : "").append("\r\n");
        }
        try (RawClient c = new RawClient(proxy.port())) {
            String answer = c.send(requests.toString()).readAll();
            assertThat(answer.split("HTTP/1.1 200", -1)).hasSize(n + 1);
            int at = -1;
            for (int i = 0; i < n; i++) {
                int next = answer.indexOf("\"/q" + i + "\"");
                assertThat(next).as("response %d after response %d", i, i - 1).isGreaterThan(at);
                at = next;
            }
        }
    }

    private void assertStillServing() throws Exception {
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(proxy.uri("/fine")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
    }
}
