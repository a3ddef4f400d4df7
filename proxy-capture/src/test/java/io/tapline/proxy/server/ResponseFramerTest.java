package io.tapline.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The upstream response framer on well-formed, split, odd and hostile responses. */
class ResponseFramerTest {

    /** Records what the framer reports; releases every buffer it is handed, so that leaks show as refCnt. */
    static final class Recorder implements ResponseFramer.Listener {
        final List<String> heads = new ArrayList<>();
        final List<ResponseHead> headInfo = new ArrayList<>();
        final ByteArrayOutputStream forwarded = new ByteArrayOutputStream();
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        final List<Boolean> ends = new ArrayList<>();
        String error;

        @Override
        public void onHead(ResponseHead head) {
            heads.add(head.bytes().toString(StandardCharsets.ISO_8859_1));
            headInfo.add(head);
            head.bytes().release();
        }

        @Override
        public void onData(ByteBuf d) {
            byte[] b = new byte[d.readableBytes()];
            d.getBytes(d.readerIndex(), b);
            data.writeBytes(b);
        }

        @Override
        public void onBody(ByteBuf raw) {
            byte[] b = new byte[raw.readableBytes()];
            raw.readBytes(b);
            forwarded.writeBytes(b);
            raw.release();
        }

        @Override
        public void onEnd(boolean reusable) {
            ends.add(reusable);
        }

        @Override
        public void onError(String reason) {
            error = reason;
        }

        String forwarded() {
            return forwarded.toString(StandardCharsets.ISO_8859_1);
        }

        String data() {
            return data.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static Recorder frame(String wire, int splitEvery, boolean head, boolean upgrade) {
        Recorder r = new Recorder();
        ResponseFramer f = new ResponseFramer(r, ByteBufAllocator.DEFAULT);
        f.expect(head, upgrade, true);
        byte[] bytes = wire.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length; i += splitEvery) {
            ByteBuf in = Unpooled.directBuffer().writeBytes(bytes, i, Math.min(splitEvery, bytes.length - i));
            f.feed(in);
            assertThat(in.refCnt()).isEqualTo(1); // every slice handed on was released by the recorder
            in.release();
        }
        return r;
    }

    private static Recorder frame(String wire) {
        return frame(wire, Integer.MAX_VALUE, false, false);
    }

    @Test
    void aContentLengthResponseIsRelayedWithItsHopByHopHeadersRemoved() {
        Recorder r = frame("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: keep-alive, X-Hop\r\n"
                + "Keep-Alive: timeout=5\r\nX-Hop: 1\r\nContent-Length: 5\r\nX-Other: y\r\n\r\nhello");
        assertThat(r.heads).containsExactly(
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nX-Other: y\r\n");
        ResponseHead h = r.headInfo.get(0);
        assertThat(h.status()).isEqualTo(200);
        assertThat(h.keepAlive()).isTrue();
        assertThat(h.framing()).isEqualTo(ResponseHead.Framing.LENGTH);
        assertThat(h.contentType()).isEqualTo("text/plain");
        assertThat(r.forwarded()).isEqualTo("hello");
        assertThat(r.data()).isEqualTo("hello");
        assertThat(r.ends).containsExactly(true);
        assertThat(r.error).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 16, 64})
    void aChunkedResponseWithExtensionsAndTrailersSplitAnywhereIsRelayedByteForByte(int splitEvery) {
        String body = "5;name=value\r\nhello\r\n7 ; ext\r\n, world\r\n0\r\nX-Checksum: abc\r\nX-More: 1\r\n\r\n";
        Recorder r = frame("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
                + body, splitEvery, false, false);
        assertThat(r.error).isNull();
        assertThat(r.heads).containsExactly(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n");
        assertThat(r.headInfo.get(0).framing()).isEqualTo(ResponseHead.Framing.CHUNKED);
        assertThat(r.forwarded()).isEqualTo(body);
        assertThat(r.data()).isEqualTo("hello, world");
        assertThat(r.ends).containsExactly(true);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 13})
    void aHeadSplitAcrossReadsIsReassembled(int splitEvery) {
        Recorder r = frame("HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\nnope", splitEvery, false, false);
        assertThat(r.heads).containsExactly("HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n");
        assertThat(r.forwarded()).isEqualTo("nope");
        assertThat(r.ends).containsExactly(true);
    }

    @Test
    void bytesAfterTheResponseInTheSameReadMakeTheConnectionUnusable() {
        Recorder r = frame("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nnope");
        assertThat(r.forwarded()).isEqualTo("nop");
        assertThat(r.ends).containsExactly(false); // "e" followed the response: the connection is out of step
    }

    @Test
    void headRequestsAnd204And304HaveNoBodyWhateverTheirHeadersSay() {
        Recorder head = frame("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n", Integer.MAX_VALUE, true, false);
        assertThat(head.heads).containsExactly("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n");
        assertThat(head.ends).containsExactly(true);
        assertThat(head.forwarded()).isEmpty();
        assertThat(frame("HTTP/1.1 204 No Content\r\n\r\n").ends).containsExactly(true);
        assertThat(frame("HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n").ends).containsExactly(true);
    }

    @Test
    void informationalResponsesPrecedeTheFinalOne() {
        Recorder r = frame("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                + "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok", 3, false, false);
        assertThat(r.heads).hasSize(3);
        assertThat(r.headInfo).extracting(ResponseHead::status).containsExactly(100, 103, 201);
        assertThat(r.headInfo.get(0).informational()).isTrue();
        assertThat(r.ends).containsExactly(true, true, true);
        assertThat(r.forwarded()).isEqualTo("ok");
    }

    @Test
    void aBodyWithoutLengthEndsWhenTheUpstreamCloses() {
        Recorder r = new Recorder();
        ResponseFramer f = new ResponseFramer(r, ByteBufAllocator.DEFAULT);
        f.expect(false, false, false);
        ByteBuf in = Unpooled.copiedBuffer("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil close",
                StandardCharsets.ISO_8859_1);
        f.feed(in);
        in.release();
        ResponseHead h = r.headInfo.get(0);
        assertThat(h.framing()).isEqualTo(ResponseHead.Framing.CLOSE);
        assertThat(h.keepAlive()).isFalse();
        assertThat(h.contentType()).isNull(); // not asked for: no capture
        assertThat(r.ends).isEmpty();
        assertThat(f.closed()).isTrue();
        assertThat(r.ends).containsExactly(false);
        assertThat(r.forwarded()).isEqualTo("until close");
    }

    @Test
    void aCutShortBodyIsNotAnEnd() {
        Recorder r = new Recorder();
        ResponseFramer f = new ResponseFramer(r, ByteBufAllocator.DEFAULT);
        f.expect(false, false, false);
        ByteBuf in = Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", StandardCharsets.ISO_8859_1);
        f.feed(in);
        in.release();
        assertThat(f.closed()).isFalse();
        assertThat(r.ends).isEmpty();
        assertThat(r.forwarded()).isEqualTo("abc");
    }

    @Test
    void http10KeepsTheConnectionOnlyWhenItSaysSo() {
        assertThat(frame("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n").headInfo.get(0).keepAlive()).isFalse();
        assertThat(frame("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n").headInfo.get(0)
                .keepAlive()).isTrue();
        assertThat(frame("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n").headInfo.get(0)
                .keepAlive()).isFalse();
    }

    @Test
    void transferEncodingWinsOverContentLengthAndTheConnectionIsNotReused() {
        Recorder r = frame("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "2\r\nhi\r\n0\r\n\r\n");
        assertThat(r.heads).containsExactly("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n");
        assertThat(r.headInfo.get(0).keepAlive()).isFalse();
        assertThat(r.data()).isEqualTo("hi");
        assertThat(r.ends).containsExactly(true);
    }

    @Test
    void anUpgradeBecomesATunnelOnlyWhenTheClientAskedForIt() {
        Recorder r = frame("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
                + "\u0081\u0002hi", Integer.MAX_VALUE, false, true);
        assertThat(r.headInfo.get(0).framing()).isEqualTo(ResponseHead.Framing.TUNNEL);
        assertThat(r.heads).containsExactly("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n");
        assertThat(r.forwarded()).isEqualTo("\u0081\u0002hi");
        assertThat(frame("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n").error)
                .contains("asked for no upgrade");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "HTTP/2 200 OK\r\n\r\n",
            "HTTP/1.1 2x0 OK\r\n\r\n",
            "HTTP/1.1 200OK\r\n\r\n",
            "garbage\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
            "HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\nhello",
            "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 5x\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n",
            "HTTP/1.1 200 OK\r\nX-A: 1\r\n folded\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\n: no name\r\n\r\n",
            "HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n",
            "HTTP/1.1 200 OK\r\nX-A: a\rb\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhello\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1000000000000000\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\rxhi\r\n"})
    void badFramingIsAnErrorWithAReason(String wire) {
        for (int split : new int[] {1, Integer.MAX_VALUE}) {
            Recorder r = frame(wire, split, false, false);
            assertThat(r.error).as(wire).isNotBlank();
            assertThat(r.ends).as(wire).isEmpty();
        }
    }

    @Test
    void aHeadLargerThanTheLimitIsAnErrorAndNothingIsHeldBeyondIt() {
        String big = "HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(ResponseFramer.MAX_HEAD_BYTES) + "\r\n\r\n";
        assertThat(frame(big, 4096, false, false).error).contains("larger than 64 KiB");
        assertThat(frame(big).error).contains("larger than 64 KiB");
    }

    @Test
    void anEndlessChunkExtensionOrTrailerIsAnError() {
        String head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        assertThat(frame(head + "1;" + "x".repeat(ResponseFramer.MAX_CHUNK_LINE + 1), 1000, false, false).error)
                .contains("chunk extension");
        assertThat(frame(head + "0\r\nX-T: " + "x".repeat(ResponseFramer.MAX_TRAILER_BYTES), 1000, false, false).error)
                .contains("trailer section");
    }

    @Test
    void theFramerIsReusedForTheNextExchange() {
        Recorder r = new Recorder();
        ResponseFramer f = new ResponseFramer(r, ByteBufAllocator.DEFAULT);
        for (int i = 0; i < 3; i++) {
            f.expect(false, false, false);
            ByteBuf in = Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n" + i,
                    StandardCharsets.ISO_8859_1);
            f.feed(in);
            in.release();
        }
        assertThat(r.forwarded()).isEqualTo("012");
        assertThat(r.ends).containsExactly(true, true, true);
    }
}
