package io.tapline.proxy.server;

import io.tapline.schema.Kind;
import io.tapline.schema.LogRecord;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Expect: 100-continue, WebSocket upgrades, upstream resets and trusted X-Forwarded-For, end to end. */
class ProtocolEdgesIT {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void expect100ContinueIsRelayedBeforeTheBodyIsSent() throws Exception {
        try (ScriptedUpstream up = new ScriptedUpstream((in, out) -> {
            String head = ScriptedUpstream.readHead(in);
            if (!head.toLowerCase().contains("expect: 100-continue")) {
                ScriptedUpstream.write(out, "HTTP/1.1 417 Expectation Failed\r\nContent-Length: 0\r\n\r\n");
                return;
            }
            ScriptedUpstream.write(out, "HTTP/1.1 100 Continue\r\n\r\n");
            byte[] body = in.readNBytes(5);
            ScriptedUpstream.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\n"
                    + new String(body, StandardCharsets.ISO_8859_1));
        });
             RunningProxy proxy = new RunningProxy(RunningProxy.singleRoute(up.uri(), ""));
             RawClient c = new RawClient(proxy.port())) {
            c.send("POST /c HTTP/1.1\r\nHost: a\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
            assertThat(c.readUntil("\r\n\r\n")).startsWith("HTTP/1.1 100 Continue");
            c.send("hello");
            String answer = c.readUntil("hello");
            assertThat(answer).contains("HTTP/1.1 200 OK").endsWith("hello");
            LogRecord response = proxy.sink.awaitOne(Kind.RESPONSE, null, WAIT);
            assertThat(response.status()).isEqualTo(200);
            assertThat(proxy.sink.awaitOne(Kind.REQUEST, null, WAIT).bytesIn()).isEqualTo(5);
        }
    }

    @Test
    void aWebSocketUpgradeBecomesATunnelAndOnlyTheHandshakeIsRecorded() throws Exception {
        try (ScriptedUpstream up = new ScriptedUpstream((in, out) -> {
            String head = ScriptedUpstream.readHead(in);
            String key = head.lines().filter(l -> l.toLowerCase().startsWith("sec-websocket-key:"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("");
            String accept;
            try {
                accept = java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-1")
                        .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            ScriptedUpstream.write(out, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n");
            // echo frames: unmask the client's text frames and send them back unmasked
            while (true) {
                int b0 = in.read();
                if (b0 < 0) {
                    return;
                }
                int len = in.read() & 0x7f;
                byte[] mask = in.readNBytes(4);
                byte[] payload = in.readNBytes(len);
                for (int i = 0; i < len; i++) {
                    payload[i] ^= mask[i % 4];
                }
                if ((b0 & 0x0f) == 8) {
                    out.write(new byte[]{(byte) 0x88, 0});
                    out.flush();
                    return;
                }
                out.write(new byte[]{(byte) 0x81, (byte) len});
                out.write(payload);
                out.flush();
            }
        });
             RunningProxy proxy = new RunningProxy(RunningProxy.singleRoute(up.uri(), ""))) {
            CompletableFuture<String> echoed = new CompletableFuture<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(java.net.URI.create("ws://127.0.0.1:" + proxy.port() + "/socket"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            echoed.complete(data.toString());
                            return null;
                        }
                    }).get(5, TimeUnit.SECONDS);
            ws.sendText("ping through the tunnel", true).get(5, TimeUnit.SECONDS);
            assertThat(echoed.get(5, TimeUnit.SECONDS)).isEqualTo("ping through the tunnel");
            LogRecord handshake = proxy.sink.awaitOne(Kind.RESPONSE, null, WAIT);
            assertThat(handshake.status()).isEqualTo(101);
            assertThat(proxy.sink.all()).filteredOn(r -> r.kind() == Kind.RESPONSE).hasSize(1);
            ws.abort();
        }
    }

    @Test
    void anUpstreamThatDiesMidResponseIsRecordedAsAReset() throws Exception {
        try (ScriptedUpstream up = new ScriptedUpstream((in, out) -> {
            ScriptedUpstream.readHead(in);
            ScriptedUpstream.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nContent-Type: text/plain\r\n\r\nonly part");
        });
             RunningProxy proxy = new RunningProxy(RunningProxy.singleRoute(up.uri(), ""));
             RawClient c = new RawClient(proxy.port())) {
            String got = c.send("GET /cut HTTP/1.1\r\nHost: a\r\n\r\n").readAll();
            assertThat(got).startsWith("HTTP/1.1 200 OK").endsWith("only part"); // then the connection closes
            LogRecord event = proxy.sink.awaitOne(Kind.EVENT, "upstream_reset", WAIT);
            assertThat(event.status()).isEqualTo(200);
            assertThat(proxy.sink.awaitOne(Kind.RESPONSE, null, WAIT).bytesOut()).isEqualTo(9);
        }
    }

    @Test
    void anUpstreamThatClosesBeforeAnsweringIs502() throws Exception {
        try (ScriptedUpstream up = new ScriptedUpstream((in, out) -> ScriptedUpstream.readHead(in));
             RunningProxy proxy = new RunningProxy(RunningProxy.singleRoute(up.uri(), ""))) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(proxy.uri("/gone")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(proxy.sink.awaitOne(Kind.EVENT, "upstream_reset", WAIT).status()).isEqualTo(502);
        }
    }

    @Test
    void xForwardedForIsBelievedOnlyFromTrustedProxies() throws Exception {
        try (TestUpstream up = new TestUpstream();
             RunningProxy trusting = new RunningProxy(RunningProxy.singleRoute(up.uri(), "trustedProxies: [127.0.0.0/8]"));
             RunningProxy untrusting = new RunningProxy(RunningProxy.singleRoute(up.uri(), ""))) {
            HttpClient http = HttpClient.newHttpClient();
            for (RunningProxy p : new RunningProxy[]{trusting, untrusting}) {
                http.send(HttpRequest.newBuilder(p.uri("/who")).header("X-Forwarded-For", "198.51.100.7, 203.0.113.9")
                        .build(), HttpResponse.BodyHandlers.discarding());
            }
            assertThat(trusting.sink.awaitOne(Kind.REQUEST, null, WAIT).clientIp()).isEqualTo("203.0.113.9");
            assertThat(untrusting.sink.awaitOne(Kind.REQUEST, null, WAIT).clientIp()).isEqualTo("127.0.0.1");
            assertThat(up.lastHeaders).contains("x-forwarded-for: 198.51.100.7, 203.0.113.9, 127.0.0.1");
        }
    }

    @Test
    void gzipBodiesAreDecodedForTheRecordOnly() throws Exception {
        byte[] plain = "{\"token\":\"zip-secret\",\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(gz)) {
            z.write(plain);
        }
        byte[] compressed = gz.toByteArray();
        try (ScriptedUpstream up = new ScriptedUpstream((in, out) -> {
            ScriptedUpstream.readHead(in);
            ScriptedUpstream.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
                    + "Content-Length: " + compressed.length + "\r\n\r\n");
            out.write(compressed);
            out.flush();
        });
             RunningProxy proxy = new RunningProxy(RunningProxy.singleRoute(up.uri(), ""))) {
            HttpResponse<InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(proxy.uri("/z")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.body().readAllBytes()).isEqualTo(compressed); // the client gets the bytes as sent
            LogRecord response = proxy.sink.awaitOne(Kind.RESPONSE, null, WAIT);
            assertThat(response.responseBody().content()).contains("\"ok\":true").doesNotContain("zip-secret");
            assertThat(response.bytesOut()).isEqualTo(compressed.length);
        }
    }
}
