package io.tapline.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The client request framer on whole, split, pipelined and hostile requests. */
class RequestFramerTest {

    /** Records what the framer reports; releases every buffer it is handed, so that leaks show as refCnt. */
    static final class Recorder implements RequestFramer.Listener {
        final List<String> heads = new ArrayList<>();
        final ByteArrayOutputStream forwarded = new ByteArrayOutputStream();
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        int ends;
        BadRequest error;
        RequestFramer framer;
        /** Call next() at every end, as the frontend does once the exchange is over. */
        boolean continueAtOnce;

        @Override
        public void onHead(RequestHead head) {
            heads.add(head.method + " " + head.uri);
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
        public void onEnd() {
            ends++;
            if (continueAtOnce) {
                framer.next();
            }
        }

        @Override
        public void onError(BadRequest reason) {
            error = reason;
        }
    }

    /** Feeds {@code wire} in pieces of {@code splitEvery} bytes; returns what was left unread at the end. */
    private static String feed(Recorder r, String wire, int splitEvery) {
        RequestFramer f = new RequestFramer(r, ByteBufAllocator.DEFAULT);
        r.framer = f;
        byte[] bytes = wire.getBytes(StandardCharsets.ISO_8859_1);
        StringBuilder unread = new StringBuilder();
        for (int i = 0; i < bytes.length; i += splitEvery) {
            ByteBuf in = Unpooled.directBuffer().writeBytes(bytes, i, Math.min(splitEvery, bytes.length - i));
            f.feed(in);
            unread.append(in.toString(StandardCharsets.ISO_8859_1));
            assertThat(in.refCnt()).isEqualTo(1); // every slice handed on was released by the recorder
            in.release();
        }
        f.release();
        return unread.toString();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 64, Integer.MAX_VALUE})
    void aChunkedBodyWithExtensionsAndTrailersSplitAnywhereIsRelayedByteForByte(int splitEvery) {
        String body = "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n";
        Recorder r = new Recorder();
        String unread = feed(r, "\r\nPOST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + body, splitEvery);
        assertThat(r.heads).containsExactly("POST /c");
        assertThat(r.forwarded.toString(StandardCharsets.ISO_8859_1)).isEqualTo(body);
        assertThat(r.data.toString(StandardCharsets.ISO_8859_1)).isEqualTo("hello world");
        assertThat(r.ends).isEqualTo(1);
        assertThat(r.error).isNull();
        assertThat(unread).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, Integer.MAX_VALUE})
    void pipelinedRequestsAreReadOneAtATime(int splitEvery) {
        String second = "GET /two HTTP/1.1\r\nHost: a\r\n\r\n";
        Recorder r = new Recorder();
        String unread = feed(r, "POST /one HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc" + second, splitEvery);
        assertThat(r.heads).containsExactly("POST /one");
        assertThat(r.forwarded.toString(StandardCharsets.ISO_8859_1)).isEqualTo("abc");
        assertThat(r.ends).isEqualTo(1);
        assertThat(unread).isEqualTo(second); // left for when the first exchange is over

        Recorder all = new Recorder();
        all.continueAtOnce = true;
        assertThat(feed(all, "POST /one HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc" + second + second, splitEvery))
                .isEmpty();
        assertThat(all.heads).containsExactly("POST /one", "GET /two", "GET /two");
        assertThat(all.ends).isEqualTo(3);
    }

    @Test
    void aBadChunkIsA400AfterTheBytesBeforeIt() {
        Recorder r = new Recorder();
        feed(r, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\nzz\r\n", Integer.MAX_VALUE);
        assertThat(r.error.status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
        assertThat(r.error.getMessage()).contains("chunk size");
        assertThat(r.ends).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, Integer.MAX_VALUE})
    void anEndlessRequestLineIs414AndAnEndlessHeadIs431WithNothingHeldBeyondTheLimits(int splitEvery) {
        Recorder line = new Recorder();
        feed(line, "GET /" + "a".repeat(RequestHeadParser.MAX_REQUEST_LINE + 10), splitEvery);
        assertThat(line.error.status()).isEqualTo(HttpResponseStatus.REQUEST_URI_TOO_LONG);
        Recorder head = new Recorder();
        feed(head, "GET / HTTP/1.1\r\nX-Big: " + "a".repeat(64 * 1024), splitEvery);
        assertThat(head.error.status()).isEqualTo(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
        assertThat(head.heads).isEmpty();
    }

    @Test
    void aHeadJustUnderTheLimitSplitAcrossReadsIsRead() {
        Recorder r = new Recorder();
        String wire = "GET /big HTTP/1.1\r\n" + RequestHeadRelayTest.headerSection(RequestHeadParser.MAX_HEADER_BYTES)
                + "\r\n";
        assertThat(feed(r, wire, 1500)).isEmpty();
        assertThat(r.heads).containsExactly("GET /big");
        assertThat(r.error).isNull();
    }
}
