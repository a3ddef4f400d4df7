package io.tapline.proxy.server;

import io.tapline.schema.Kind;
import io.tapline.schema.LogRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Request heads relayed as bytes, end to end: what the upstream receives, byte for byte, and what is refused. */
class RequestRelayIT {
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** An upstream that keeps every request (head and body) as it arrived and answers 200 "ok". */
    private static ScriptedUpstream recording(List<String> received) throws Exception {
        return new ScriptedUpstream((in, out) -> {
            while (true) {
                String head = ScriptedUpstream.readHead(in);
                if (head.isEmpty()) {
                    return;
                }
                int length = head.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                        .map(l -> Integer.parseInt(l.substring(15).trim())).findFirst().orElse(0);
                // A chunked body without trailers ends at the first blank line: "0\r\n\r\n".
                String body = head.toLowerCase().contains("transfer-encoding: chunked") ? ScriptedUpstream.readHead(in)
                        : new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
                received.add(head + body);
                ScriptedUpstream.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            }
        });
    }

    @Test
    void theUpstreamGetsTheClientsHeadByteForByteWithTheProxysLinesAdded() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        try (ScriptedUpstream up = recording(received);
             RunningProxy proxy = new RunningProxy(RunningProxy.singleRoute(up.uri(), ""));
             RawClient c = new RawClient(proxy.port())) {
            String lines = "POST /exact?q=1 HTTP/1.1\r\nhOST: Relay.Example\r\nX-Dup: one\r\nx-dup:   two \r\n"
                    + "Content-Type: text/plain\r\nContent-Length: 5\r\nConnection: keep-alive\r\n";
            String answer = c.send(lines + "\r\nhello").readUntil("ok");
            assertThat(answer).startsWith("HTTP/1.1 200 OK");
            LogRecord request = proxy.sink.awaitOne(Kind.REQUEST, null, WAIT);
            String sent = received.get(0);
            String traceparent = "00-" + request.traceId() + "-";
            assertThat(sent).startsWith("POST /exact?q=1 HTTP/1.1\r\nhOST: Relay.Example\r\nX-Dup: one\r\n"
                    + "x-dup:   two \r\nContent-Type: text/plain\r\nContent-Length: 5\r\n"
                    + "x-forwarded-for: 127.0.0.1\r\nx-forwarded-proto: http\r\nx-forwarded-host: Relay.Example\r\n"
                    + "traceparent: " + traceparent)
                    .contains("\r\nx-request-id: " + request.traceId() + "\r\n\r\nhello")
                    .endsWith("\r\n\r\nhello");
            assertThat(request.bytesIn()).isEqualTo(5);
        }
    }

    @Test
    void pipelinedRequestsWithBodiesReachTheUpstreamInOrderWithTheirBodies() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        try (ScriptedUpstream up = recording(received);
             RunningProxy proxy = new RunningProxy(RunningProxy.singleRoute(up.uri(), ""));
             RawClient c = new RawClient(proxy.port())) {
            String answer = c.send("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
                    + "POST /b HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\ndef\r\n0\r\n\r\n"
                    + "GET /c HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n").readAll();
            assertThat(answer.split("HTTP/1.1 200 OK", -1)).hasSize(4);
            assertThat(received).hasSize(3);
            assertThat(received.get(0)).startsWith("POST /a HTTP/1.1\r\n").endsWith("\r\n\r\nabc");
            assertThat(received.get(1)).startsWith("POST /b HTTP/1.1\r\n").contains("Transfer-Encoding: chunked\r\n")
                    .endsWith("\r\n\r\n3\r\ndef\r\n0\r\n\r\n");
            assertThat(received.get(2)).startsWith("GET /c HTTP/1.1\r\n").doesNotContain("Connection: close");
        }
    }

    @Test
    void foldedOrSmugglingHeadsAre400WithAnEventAndNeverReachTheUpstream() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        try (ScriptedUpstream up = recording(received);
             RunningProxy proxy = new RunningProxy(RunningProxy.singleRoute(up.uri(), ""))) {
            for (String bad : List.of("GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n folded\r\n\r\n",
                    "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                    "GET / HTTP/1.1\r\nHost: h\r\nHost: other\r\n\r\n")) {
                try (RawClient c = new RawClient(proxy.port())) {
                    assertThat(c.send(bad).readAll()).startsWith("HTTP/1.1 400").contains("\"statusCode\":400");
                }
            }
            assertThat(proxy.sink.await(r -> "malformed_request".equals(r.action()), 3, WAIT)).hasSize(3);
            assertThat(received).isEmpty();
        }
    }

    @Test
    void aHeadJustUnderTheLimitIsRelayedAndOneJustOverIs431() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        try (ScriptedUpstream up = recording(received);
             RunningProxy proxy = new RunningProxy(RunningProxy.singleRoute(up.uri(), ""))) {
            String tail = "Host: h\r\nConnection: close\r\n";
            String under = RequestHeadRelayTest.headerSection(RequestHeadParser.MAX_HEADER_BYTES - tail.length());
            try (RawClient c = new RawClient(proxy.port())) {
                assertThat(c.send("GET /under HTTP/1.1\r\n" + under + tail + "\r\n").readAll())
                        .startsWith("HTTP/1.1 200 OK");
            }
            assertThat(received).hasSize(1);
            assertThat(received.get(0)).startsWith("GET /under HTTP/1.1\r\n" + under + "Host: h\r\nx-forwarded-for:");
            String over = RequestHeadRelayTest.headerSection(RequestHeadParser.MAX_HEADER_BYTES + 1);
            try (RawClient c = new RawClient(proxy.port())) {
                assertThat(c.send("GET /over HTTP/1.1\r\n" + over + "\r\n").readAll()).startsWith("HTTP/1.1 431");
            }
            assertThat(proxy.sink.awaitOne(Kind.EVENT, "header_too_large", WAIT).status()).isEqualTo(431);
            assertThat(received).hasSize(1);
        }
    }
}
