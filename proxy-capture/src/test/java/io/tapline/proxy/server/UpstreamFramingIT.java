package io.tapline.proxy.server;

import io.tapline.schema.Kind;
import io.tapline.schema.LogRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upstream responses relayed as bytes, end to end over real sockets: dribbled chunked bodies with extensions and
 * trailers, HEAD answers on a kept-alive connection, and upstreams that break the framing.
 */
class UpstreamFramingIT {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void aChunkedResponseDribbledByteByByteArrivesIntactAndIsCaptured() throws Exception {
        String body = "4;ext=1\r\n{\"a\"\r\nB\r\n:\"secret-ok\r\n2 ; x\r\n\"}\r\n0\r\nX-Checksum: 42\r\n\r\n";
        String wire = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                + "Keep-Alive: timeout=5\r\n\r\n" + body;
        try (ScriptedUpstream up = new ScriptedUpstream((in, out) -> {
            ScriptedUpstream.readHead(in);
            dribble(out, wire);
            ScriptedUpstream.readHead(in); // the same connection serves the next request
            ScriptedUpstream.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\nContent-Type: text/plain\r\n\r\nnext");
        });
             RunningProxy proxy = new RunningProxy(RunningProxy.singleRoute(up.uri(), ""));
             RawClient c = new RawClient(proxy.port())) {
            String got = c.send("GET /json HTTP/1.1\r\nHost: a\r\n\r\n").readUntil("X-Checksum: 42\r\n\r\n");
            assertThat(got).startsWith("HTTP/1.1 200 OK\r\n").contains("Transfer-Encoding: chunked\r\n")
                    .doesNotContainIgnoringCase("keep-alive: timeout").endsWith("\r\n\r\n" + body);
            assertThat(c.send("GET /next HTTP/1.1\r\nHost: a\r\n\r\n").readUntil("next")).endsWith("\r\n\r\nnext");
            LogRecord first = proxy.sink.await(r -> r.kind() == Kind.RESPONSE, 2, WAIT).stream()
                    .filter(r -> r.bytesOut() == 17).findFirst().orElseThrow();
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.responseBody().content()).isEqualTo("{\"a\":\"secret-ok\"}");
        }
    }

    @Test
    void aHeadAnswerWithAContentLengthKeepsBothConnectionsInStep() throws Exception {
        try (ScriptedUpstream up = new ScriptedUpstream((in, out) -> {
            for (int i = 0; i < 2; i++) {
                String head = ScriptedUpstream.readHead(in);
                if (head.startsWith("HEAD ")) {
                    ScriptedUpstream.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
                } else {
                    ScriptedUpstream.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                }
            }
        });
             RunningProxy proxy = new RunningProxy(RunningProxy.singleRoute(up.uri(), ""));
             RawClient c = new RawClient(proxy.port())) {
            String head = c.send("HEAD /h HTTP/1.1\r\nHost: a\r\n\r\n").readUntil("\r\n\r\n");
            assertThat(head).startsWith("HTTP/1.1 200 OK").contains("Content-Length: 1000");
            String get = c.send("GET /g HTTP/1.1\r\nHost: a\r\n\r\n").readUntil("\r\n\r\nok");
            assertThat(get).startsWith("HTTP/1.1 200 OK").endsWith("\r\n\r\nok");
            assertThat(proxy.sink.await(r -> r.kind() == Kind.RESPONSE, 2, WAIT))
                    .extracting(LogRecord::bytesOut).containsExactlyInAnyOrder(0L, 2L);
        }
    }

    @Test
    void conflictingContentLengthsAre502AndAnEventAndTheProxyKeepsServing() throws Exception {
        try (ScriptedUpstream up = new ScriptedUpstream((in, out) -> {
            String head = ScriptedUpstream.readHead(in);
            if (head.startsWith("GET /bad ")) {
                ScriptedUpstream.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nhello!!");
            } else {
                ScriptedUpstream.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            }
        });
             RunningProxy proxy = new RunningProxy(RunningProxy.singleRoute(up.uri(), ""));
             RawClient c = new RawClient(proxy.port())) {
            String got = c.send("GET /bad HTTP/1.1\r\nHost: a\r\n\r\n").readUntil("}");
            assertThat(got).startsWith("HTTP/1.1 502 Bad Gateway").contains("conflicting Content-Length");
            LogRecord event = proxy.sink.awaitOne(Kind.EVENT, "upstream_bad_response", WAIT);
            assertThat(event.status()).isEqualTo(502);
            assertThat(proxy.sink.awaitOne(Kind.REQUEST, null, WAIT).url()).isEqualTo("/bad");
            assertThat(proxy.sink.awaitOne(Kind.RESPONSE, null, WAIT).status()).isEqualTo(502);
            // the client connection stays usable; the upstream connection that misbehaved is not reused
            assertThat(c.send("GET /good HTTP/1.1\r\nHost: a\r\n\r\n").readUntil("\r\n\r\nok")).endsWith("ok");
        }
    }

    @Test
    void aBrokenChunkMidBodyCutsTheClientAndIsRecorded() throws Exception {
        try (ScriptedUpstream up = new ScriptedUpstream((in, out) -> {
            ScriptedUpstream.readHead(in);
            ScriptedUpstream.write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n"
                    + "5\r\nhello\r\n");
            sleep(100);
            ScriptedUpstream.write(out, "zz\r\nmore\r\n");
            sleep(5_000); // keeps the connection open: the proxy, not a close, must end the exchange
        });
             RunningProxy proxy = new RunningProxy(RunningProxy.singleRoute(up.uri(), ""));
             RawClient c = new RawClient(proxy.port())) {
            String got = c.send("GET /chunks HTTP/1.1\r\nHost: a\r\n\r\n").readAll(); // until the proxy closes
            assertThat(got).startsWith("HTTP/1.1 200 OK").endsWith("\r\n\r\n5\r\nhello\r\n");
            LogRecord event = proxy.sink.awaitOne(Kind.EVENT, "upstream_bad_response", WAIT);
            assertThat(event.status()).isEqualTo(200);
            assertThat(event.message()).contains("invalid chunk size");
            LogRecord response = proxy.sink.awaitOne(Kind.RESPONSE, null, WAIT);
            assertThat(response.bytesOut()).isEqualTo(5);
            assertThat(response.responseBody().content()).isEqualTo("hello");
        }
    }

    @Test
    void aBodyDelimitedByTheUpstreamsCloseArrivesWholeAndIsAResponseNotAReset() throws Exception {
        int size = 2 * 1024 * 1024;
        try (ScriptedUpstream up = new ScriptedUpstream((in, out) -> {
            ScriptedUpstream.readHead(in);
            ScriptedUpstream.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n\r\n");
            out.write(new byte[size]);
            out.flush(); // then the connection closes: that ends the body
        });
             RunningProxy proxy = new RunningProxy(RunningProxy.singleRoute(up.uri(), ""));
             RawClient c = new RawClient(proxy.port())) {
            c.send("GET /until-close HTTP/1.1\r\nHost: a\r\n\r\n");
            String head = c.readUntil("\r\n\r\n");
            assertThat(head).startsWith("HTTP/1.1 200 OK").contains("connection: close");
            long received = head.length() - head.indexOf("\r\n\r\n") - 4;
            Thread.sleep(300); // a slow reader: the proxy must not drop what is still queued when it closes
            byte[] buf = new byte[65_536];
            for (int n; (n = c.in.read(buf)) > 0; ) {
                received += n;
            }
            assertThat(received).isEqualTo(size);
            assertThat(proxy.sink.awaitOne(Kind.RESPONSE, null, WAIT).bytesOut()).isEqualTo(size);
            assertThat(proxy.sink.all()).noneMatch(r -> r.kind() == Kind.EVENT);
        }
    }

    private static void dribble(OutputStream out, String wire) throws IOException {
        byte[] bytes = wire.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length; i++) {
            out.write(bytes[i]);
            out.flush();
            if (i % 7 == 0) {
                sleep(1); // separate TCP segments, so the proxy sees the head and the chunks in many reads
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
