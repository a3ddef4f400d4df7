package io.tapline.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A request head read by {@link RequestHeadParser} and written for the upstream by {@link ForwardedHeaders}: the
 * client's bytes come out as they went in, with exactly the proxy's own lines spliced in, and every head a proxy and
 * an upstream could read differently is refused.
 */
class RequestHeadRelayTest {
    private static final TraceContext TRACE = TraceContext.from(
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "req-42");
    private static final String ADDED_TAIL = "traceparent: " + TRACE.traceparent() + "\r\nx-request-id: req-42\r\n";

    private static RequestHead parse(String wire) throws BadRequest {
        byte[] bytes = wire.getBytes(StandardCharsets.ISO_8859_1);
        return new RequestHeadParser().parse(Unpooled.wrappedBuffer(bytes), 0, bytes.length);
    }

    private static String relay(String wire, boolean tls) throws BadRequest {
        RequestHead head = parse(wire);
        ByteBuf out = new ForwardedHeaders("10.0.0.7", tls).write(head, TRACE, ByteBufAllocator.DEFAULT);
        try {
            return out.toString(StandardCharsets.ISO_8859_1);
        } finally {
            out.release();
        }
    }

    @Test
    void theClientsLinesGoUpstreamByteForByteWithTheProxysLinesAdded() throws Exception {
        // Mixed case names, repeated headers in their order, odd but valid whitespace, a value with obs-text.
        String lines = "GET /a/b?c=1&d=%20 HTTP/1.1\r\nhOsT: Example.ORG:8080\r\nAccept:text/html\r\n"
                + "X-Dup: one\r\naccept:  */* \t\r\nX-Dup: two\r\nX-Latin: caf\u00e9\r\nUser-Agent: curl/8\r\n";
        String relayed = relay(lines + "\r\n", false);
        assertThat(relayed).isEqualTo(lines + "x-forwarded-for: 10.0.0.7\r\nx-forwarded-proto: http\r\n"
                + "x-forwarded-host: Example.ORG:8080\r\n" + ADDED_TAIL + "\r\n");
        RequestHead head = parse(lines + "\r\n");
        assertThat(head.method).isEqualTo("GET");
        assertThat(head.uri).isEqualTo("/a/b?c=1&d=%20");
        assertThat(head.host).isEqualTo("Example.ORG:8080");
        assertThat(head.userAgent).isEqualTo("curl/8");
        assertThat(head.keepAlive).isTrue();
        assertThat(head.framing).isEqualTo(RequestHead.Framing.NONE);
    }

    @Test
    void bareLineFeedsAreAcceptedAndForwardedAsCrlf() throws Exception {
        assertThat(relay("GET / HTTP/1.1\nHost: a\nX-A: 1\n\n", true)).isEqualTo("GET / HTTP/1.1\r\nHost: a\r\nX-A: 1\r\n"
                + "x-forwarded-for: 10.0.0.7\r\nx-forwarded-proto: https\r\nx-forwarded-host: a\r\n" + ADDED_TAIL + "\r\n");
    }

    @Test
    void hopByHopHeadersAndThoseTheProxySetsItselfAreReplaced() throws Exception {
        String relayed = relay("POST /p HTTP/1.1\r\nHost: h\r\nConnection: keep-alive, X-Secret-Hop\r\nKeep-Alive: 5\r\n"
                + "TE: trailers\r\nTrailer: X-T\r\nProxy-Connection: keep-alive\r\nProxy-Authorization: Basic x\r\n"
                + "X-Secret-Hop: 1\r\nUpgrade: h2c\r\ntraceparent: 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\r\n"
                + "X-Request-Id: req-42\r\nX-Forwarded-Proto: gopher\r\nX-Forwarded-Host: evil\r\n"
                + "X-Forwarded-For: 198.51.100.7\r\nContent-Length: 3\r\nx-forwarded-for: , 203.0.113.9\r\n\r\n", false);
        assertThat(relayed).isEqualTo("POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n"
                + "x-forwarded-for: 198.51.100.7, , 203.0.113.9, 10.0.0.7\r\nx-forwarded-proto: http\r\n"
                + "x-forwarded-host: h\r\n" + ADDED_TAIL + "\r\n");
    }

    @Test
    void withoutHostTheClientsXForwardedHostStays() throws Exception {
        assertThat(relay("GET http://a.example/x HTTP/1.1\r\nX-Forwarded-Host: front\r\n\r\n", false))
                .isEqualTo("GET http://a.example/x HTTP/1.1\r\nX-Forwarded-Host: front\r\n"
                        + "x-forwarded-for: 10.0.0.7\r\nx-forwarded-proto: http\r\n" + ADDED_TAIL + "\r\n");
    }

    @Test
    void framingAndRoutingHeadersListedInConnectionAreNeverDropped() throws Exception {
        // Dropping Content-Length on the way would let the body be read upstream as the next request (smuggling).
        assertThat(relay("POST / HTTP/1.1\r\nHost: h\r\nConnection: content-length, host, transfer-encoding\r\n"
                + "Content-Length: 2\r\n\r\n", false))
                .startsWith("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nx-forwarded-for:");
    }

    @Test
    void anHttp10RequestGoesUpstreamAsHttp11AndIsKeptAliveOnlyWhenItAsks() throws Exception {
        assertThat(relay("GET /old HTTP/1.0\r\nHost: h\r\n\r\n", false)).startsWith("GET /old HTTP/1.1\r\nHost: h\r\n");
        assertThat(parse("GET / HTTP/1.0\r\n\r\n").keepAlive).isFalse();
        assertThat(parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").keepAlive).isTrue();
        assertThat(parse("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").keepAlive).isFalse();
        assertThat(parse("GET / HTTP/1.1\r\nConnection: x, Close\r\n\r\n").keepAlive).isFalse();
    }

    @Test
    void anUpgradeKeepsItsUpgradeHeaderAndSaysSoInConnection() throws Exception {
        String wire = "GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: k\r\n\r\n";
        assertThat(parse(wire).upgrade).isTrue();
        assertThat(relay(wire, false)).isEqualTo("GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n"
                + "Sec-WebSocket-Key: k\r\nx-forwarded-for: 10.0.0.7\r\nx-forwarded-proto: http\r\nx-forwarded-host: h\r\n"
                + ADDED_TAIL + "connection: upgrade\r\n\r\n");
        assertThat(parse("GET / HTTP/1.1\r\nUpgrade: websocket\r\n\r\n").upgrade).isFalse();
    }

    @Test
    void bodyFramingIsReadFromTheHead() throws Exception {
        RequestHead length = parse("PUT / HTTP/1.1\r\nContent-Length: 42, 42\r\nContent-Length: 42\r\n\r\n");
        assertThat(length.framing).isEqualTo(RequestHead.Framing.LENGTH);
        assertThat(length.contentLength).isEqualTo(42);
        assertThat(parse("POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n").framing).isEqualTo(RequestHead.Framing.NONE);
        assertThat(parse("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n").framing)
                .isEqualTo(RequestHead.Framing.CHUNKED);
    }

    @Test
    void theRecordsHeadersAreReadWithTheirFirstValues() throws Exception {
        RequestHead h = parse("POST / HTTP/1.1\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
                + "X-Forwarded-For: 1.2.3.4\r\nx-forwarded-for: 5.6.7.8 \r\nUser-Agent: a\r\nUser-Agent: b\r\n\r\n");
        assertThat(h.contentType).isEqualTo("application/json");
        assertThat(h.contentEncoding).isEqualTo("gzip");
        assertThat(h.forwardedFor()).isEqualTo(List.of("1.2.3.4", "5.6.7.8"));
        assertThat(h.userAgent).isEqualTo("a");
        assertThat(parse("DELETE / HTTP/1.1\r\n\r\n").forwardedFor()).isEmpty();
        assertThat(parse("PROPFIND /dav HTTP/1.1\r\n\r\n").method).isEqualTo("PROPFIND");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "THIS IS NOT HTTP\r\n\r\n",
            "GET /\r\n\r\n",
            "GET  / HTTP/1.1\r\n\r\n",
            "GET / HTTP/1.1 \r\n\r\n",
            "GET / HTTP/2.0\r\n\r\n",
            "GET / http/1.1\r\n\r\n",
            "G(T / HTTP/1.1\r\n\r\n",
            "GET /a\u0001b HTTP/1.1\r\n\r\n",
            "GET / HTTP/1.1\r\nX-A: 1\r\n folded\r\n\r\n",
            "GET / HTTP/1.1\r\nX-A: 1\r\n\tfolded\r\n\r\n",
            "GET / HTTP/1.1\r\nX-A : 1\r\n\r\n",
            "GET / HTTP/1.1\r\n: no name\r\n\r\n",
            "GET / HTTP/1.1\r\nno colon\r\n\r\n",
            "GET / HTTP/1.1\r\nX-A: a\rb\r\n\r\n",
            "GET / HTTP/1.1\r\nX-A: a\u0000b\r\n\r\n",
            "GET / HTTP/1.1\r\nX-A: a\u007fb\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
            "POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n",
            "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
            "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n",
            "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
            "POST / HTTP/1.1\r\nContent-Length: 1, 2\r\n\r\n",
            "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
            "POST / HTTP/1.1\r\nContent-Length: 0x10\r\n\r\n",
            "POST / HTTP/1.1\r\nContent-Length: 1234567890123456789\r\n\r\n"})
    void headsThatCouldBeReadTwoWaysAre400(String wire) {
        assertThatThrownBy(() -> parse(wire)).isInstanceOfSatisfying(BadRequest.class, e -> {
            assertThat(e.status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
            assertThat(e.getMessage()).isNotBlank();
        });
    }

    @Test
    void theRequestLineAndHeaderSectionLimitsAreExact() throws Exception {
        String target = "/" + "t".repeat(RequestHeadParser.MAX_REQUEST_LINE - "GET / HTTP/1.1".length());
        assertThat(parse("GET " + target + " HTTP/1.1\r\n\r\n").uri).isEqualTo(target);
        assertThatThrownBy(() -> parse("GET " + target + "t HTTP/1.1\r\n\r\n")).isInstanceOfSatisfying(BadRequest.class,
                e -> assertThat(e.status()).isEqualTo(HttpResponseStatus.REQUEST_URI_TOO_LONG));
        String atLimit = headerSection(RequestHeadParser.MAX_HEADER_BYTES);
        assertThat(relay("GET / HTTP/1.1\r\n" + atLimit + "\r\n", false)).startsWith("GET / HTTP/1.1\r\n" + atLimit);
        assertThatThrownBy(() -> parse("GET / HTTP/1.1\r\n" + headerSection(RequestHeadParser.MAX_HEADER_BYTES + 1)
                + "\r\n")).isInstanceOfSatisfying(BadRequest.class,
                e -> assertThat(e.status()).isEqualTo(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE));
    }

    /** Header lines of exactly {@code bytes} bytes, line ends included. */
    static String headerSection(int bytes) {
        StringBuilder s = new StringBuilder();
        int i = 0;
        while (bytes - s.length() > 2 * 4096) { // the last line takes the rest: never shorter than its name
            s.append("X-F").append(i % 10).append(": ").append("v".repeat(4096 - 8)).append("\r\n");
            i++;
        }
        int rest = bytes - s.length();
        s.append("X-L: ").append("w".repeat(rest - 7)).append("\r\n");
        assertThat(s.length()).isEqualTo(bytes);
        return s.toString();
    }
}
