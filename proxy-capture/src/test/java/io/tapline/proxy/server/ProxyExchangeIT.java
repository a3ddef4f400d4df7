package io.tapline.proxy.server;

import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests through the real proxy to a real upstream over loopback, and the records they leave. */
class ProxyExchangeIT {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private TestUpstream upstream;
    private RunningProxy proxy;

    @BeforeEach
    void start() throws Exception {
        upstream = new TestUpstream();
        proxy = new RunningProxy(RunningProxy.singleRoute(upstream.uri(), ""));
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.close();
    }

    @Test
    void aPostIsProxiedAndRecordedAsARequestAndAResponsePairedByTraceId() throws Exception {
        String json = "{\"name\":\"ada\",\"password\":\"hunter2-secret\"}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(proxy.uri("/v1/users?page=2&token=abc123secret"))
                .header("Content-Type", "application/json").header("User-Agent", "Hoody-CLI/1.4.2")
                .header("Authorization", "Bearer very-secret-bearer")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"received\":" + json.length());

        LogRecord request = proxy.sink.awaitOne(Kind.REQUEST, null, WAIT);
        LogRecord response = proxy.sink.awaitOne(Kind.RESPONSE, null, WAIT);
        assertThat(request.traceId()).isEqualTo(response.traceId()).hasSize(32);
        assertThat(request.projectId()).isEqualTo("proj_a");
        assertThat(request.containerId()).isEqualTo("cnt_a");
        assertThat(request.serviceName()).isEqualTo("user-api");
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.url()).isEqualTo("/v1/users?page=2&token=[REDACTED]");
        assertThat(request.clientIp()).isEqualTo("127.0.0.1");
        assertThat(request.userAgent()).isEqualTo("Hoody-CLI/1.4.2");
        assertThat(request.bytesIn()).isEqualTo(json.length());
        assertThat(request.requestHeaders()).containsEntry("authorization", "[REDACTED]");
        assertThat(request.requestBody().content()).contains("\"name\":\"ada\"").doesNotContain("hunter2");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.level()).isEqualTo(Level.INFO);
        assertThat(response.bytesOut()).isEqualTo(r.body().length());
        assertThat(response.durationMs()).isNotNull().isGreaterThanOrEqualTo(0);
        assertThat(response.responseBody().content()).contains("[REDACTED]").doesNotContain("s3cr3t-response");
        assertThat(upstream.lastHeaders).contains("x-forwarded-for: 127.0.0.1").contains("x-forwarded-proto: http")
                .contains("traceparent: 00-" + request.traceId() + "-").contains("x-request-id: " + request.traceId())
                .contains("x-forwarded-host: 127.0.0.1:" + proxy.port());
    }

    @Test
    void eachRequestOnAKeepAliveConnectionForwardsItsOwnHost() throws Exception {
        try (RawClient c = new RawClient(proxy.port())) {
            for (String host : new String[] {"one.example", "one.example", "two.example:8443", "one.example"}) {
                c.send("GET /h HTTP/1.1\r\nHost: " + host + "\r\n\r\n").readUntil("}");
                assertThat(upstream.lastHeaders).contains("x-forwarded-host: " + host + "\n");
            }
        }
    }

    @Test
    void anIncomingTraceparentIsKeptAndPairsTheRecords() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        http.send(HttpRequest.newBuilder(proxy.uri("/traced"))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(proxy.sink.awaitOne(Kind.REQUEST, null, WAIT).traceId()).isEqualTo(traceId);
        assertThat(proxy.sink.awaitOne(Kind.RESPONSE, null, WAIT).traceId()).isEqualTo(traceId);
        assertThat(upstream.lastHeaders).contains("traceparent: 00-" + traceId + "-").doesNotContain("00f067aa0ba902b7");
    }

    @Test
    void keepAliveConnectionsServeManyRequestsInOrder() throws Exception {
        for (int i = 0; i < 50; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(proxy.uri("/n/" + i)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).contains("/n/" + i);
        }
        List<LogRecord> responses = proxy.sink.await(rec -> rec.kind() == Kind.RESPONSE, 50, WAIT);
        assertThat(responses).hasSize(50);
        assertThat(proxy.server.metrics().openConnections()).isLessThanOrEqualTo(2);
    }

    @Test
    void upstreamErrorsAreRecordedWithTheirLevel() throws Exception {
        assertThat(http.send(HttpRequest.newBuilder(proxy.uri("/status/503")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
        assertThat(http.send(HttpRequest.newBuilder(proxy.uri("/status/404")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        List<LogRecord> responses = proxy.sink.await(rec -> rec.kind() == Kind.RESPONSE, 2, WAIT);
        assertThat(responses).extracting(LogRecord::status, LogRecord::level)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(503, Level.ERROR),
                        org.assertj.core.groups.Tuple.tuple(404, Level.WARN));
    }

    @Test
    void aRefusedUpstreamIs502AndAnEvent() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        try (RunningProxy p = new RunningProxy(RunningProxy.singleRoute(URI.create("http://127.0.0.1:" + dead), ""))) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(p.uri("/x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(r.body()).startsWith("{\"statusCode\":502,\"error\":\"Bad Gateway\"");
            LogRecord event = p.sink.awaitOne(Kind.EVENT, "upstream_connect_failure", WAIT);
            assertThat(event.projectId()).isEqualTo("proj_a");
            assertThat(event.level()).isEqualTo(Level.ERROR);
            // the proxy keeps serving
            assertThat(http.send(HttpRequest.newBuilder(p.uri("/y")).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(502);
        }
    }

    @Test
    void aSlowUpstreamIs504AfterTheResponseTimeoutAndAnEvent() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(proxy.uri("/slow?ms=4000")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(proxy.sink.awaitOne(Kind.EVENT, "upstream_timeout", WAIT).traceId()).isNotNull();
        assertThat(http.send(HttpRequest.newBuilder(proxy.uri("/fast")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aClientThatClosesWhileTheUpstreamIsSlowIsRecordedAsAClientAbortAtOnce() throws Exception {
        long start = System.nanoTime();
        try (RawClient c = new RawClient(proxy.port())) {
            c.send("GET /slow?ms=1400 HTTP/1.1\r\nHost: a\r\n\r\n");
            Thread.sleep(200);
        } // closed long before the upstream answers
        LogRecord abort = proxy.sink.awaitOne(Kind.EVENT, "client_abort", WAIT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("noticed while the upstream still works")
                .isLessThan(Duration.ofMillis(1300));
        assertThat(abort.url()).isEqualTo("/slow?ms=1400");
        assertThat(abort.message()).contains("before the response");
    }

    @Test
    void noMatchingRouteIs404AndAnEvent() throws Exception {
        try (RunningProxy p = new RunningProxy("""
                routes:
                  - name: only-v1
                    match: { pathPrefix: /v1 }
                    upstreams: [%s]
                    projectId: proj_a
                """.formatted(upstream.uri()))) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(p.uri("/v2/things")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(p.sink.awaitOne(Kind.EVENT, "no_route", WAIT).url()).isEqualTo("/v2/things");
        }
    }
}
