package io.tapline.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

import java.nio.charset.StandardCharsets;

import static io.tapline.proxy.server.HeadBytes.ascii;

/**
 * Writes a client's request head for the upstream as the bytes it came in, with the proxy's own lines spliced in:
 * the request line and every header line are copied as they are, except hop-by-hop headers (an upgrade's
 * {@code Upgrade} stays), the {@code Connection} header and the headers it names, and the headers the proxy sets
 * itself; then {@code X-Forwarded-For} (the client's list, then the peer), {@code X-Forwarded-Proto},
 * {@code X-Forwarded-Host}, {@code traceparent}, {@code X-Request-Id} and, for an upgrade,
 * {@code Connection: upgrade}. An HTTP/1.0 request goes upstream as HTTP/1.1, which keeps the pooled connection
 * reusable. One per client connection: the peer's address is written into bytes once.
 */
final class ForwardedHeaders {
    private static final byte[] X_FORWARDED_FOR = ascii("x-forwarded-for: ");
    private static final byte[] X_FORWARDED_PROTO_HTTP = ascii("x-forwarded-proto: http\r\n");
    private static final byte[] X_FORWARDED_PROTO_HTTPS = ascii("x-forwarded-proto: https\r\n");
    private static final byte[] X_FORWARDED_HOST = ascii("x-forwarded-host: ");
    private static final byte[] TRACEPARENT = ascii("traceparent: ");
    private static final byte[] X_REQUEST_ID = ascii("x-request-id: ");
    private static final byte[] CONNECTION_UPGRADE = ascii("connection: upgrade\r\n");
    private static final byte[] LIST_SEPARATOR = ascii(", ");
    private static final short CRLF = 0x0d0a;
    /** Room for the lines the proxy adds besides the client's X-Forwarded-For list and Host. */
    private static final int ADDED_BYTES = 256;

    private final byte[] peerIp;
    private final byte[] proto;

    /** For a connection from {@code peerIp}, over TLS or not. */
    ForwardedHeaders(String peerIp, boolean tls) {
        this.peerIp = peerIp.getBytes(StandardCharsets.ISO_8859_1);
        this.proto = tls ? X_FORWARDED_PROTO_HTTPS : X_FORWARDED_PROTO_HTTP;
    }

    /** The head to send upstream for {@code h}, ending with its blank line; the caller owns the buffer. */
    ByteBuf write(RequestHead h, TraceContext trace, ByteBufAllocator alloc) {
        byte[] buf = h.buf;
        int last = h.lines == 0 ? h.requestLineEnd : h.lineEnd[h.lines - 1];
        ByteBuf out = alloc.buffer(last + ADDED_BYTES + peerIp.length + h.requestLineEnd);
        if (h.http10) {
            out.writeBytes(buf, 0, h.requestLineEnd - 1).writeByte('1'); // "HTTP/1.0" -> "HTTP/1.1"
        } else {
            out.writeBytes(buf, 0, h.requestLineEnd);
        }
        out.writeShort(CRLF);
        boolean priorForwardedFor = false;
        for (int i = 0; i < h.lines; i++) {
            if (h.kind[i] == RequestHead.X_FORWARDED_FOR && h.valueEnd[i] > h.valueStart[i]) {
                priorForwardedFor = true;
            }
            if (!dropped(h, i)) {
                out.writeBytes(buf, h.lineStart[i], h.lineEnd[i] - h.lineStart[i]).writeShort(CRLF);
            }
        }
        out.writeBytes(X_FORWARDED_FOR);
        if (priorForwardedFor) {
            // The client's list as one value, each non-empty line's value in order, then the peer.
            for (int i = 0; i < h.lines; i++) {
                if (h.kind[i] == RequestHead.X_FORWARDED_FOR && h.valueEnd[i] > h.valueStart[i]) {
                    out.writeBytes(buf, h.valueStart[i], h.valueEnd[i] - h.valueStart[i]).writeBytes(LIST_SEPARATOR);
                }
            }
        }
        out.writeBytes(peerIp).writeShort(CRLF);
        out.writeBytes(proto);
        if (h.host != null) {
            int i = h.hostLine;
            out.writeBytes(X_FORWARDED_HOST).writeBytes(buf, h.valueStart[i], h.valueEnd[i] - h.valueStart[i])
                    .writeShort(CRLF);
        }
        out.writeBytes(TRACEPARENT);
        ByteBufUtil.writeAscii(out, trace.traceparent());
        out.writeShort(CRLF).writeBytes(X_REQUEST_ID);
        ByteBufUtil.writeAscii(out, trace.requestId());
        out.writeShort(CRLF);
        if (h.upgrade) {
            out.writeBytes(CONNECTION_UPGRADE);
        }
        return out.writeShort(CRLF);
    }

    /** Whether header line {@code i} stays behind: hop-by-hop, or replaced by the proxy's own line. */
    private static boolean dropped(RequestHead h, int i) {
        return switch (h.kind[i]) {
            case RequestHead.HOP_BY_HOP, RequestHead.CONNECTION, RequestHead.X_FORWARDED_FOR,
                    RequestHead.X_FORWARDED_PROTO, RequestHead.TRACEPARENT, RequestHead.X_REQUEST_ID -> true;
            case RequestHead.UPGRADE -> !h.upgrade;
            case RequestHead.X_FORWARDED_HOST -> h.host != null;
            // Framing and routing headers are never dropped for being listed in Connection: an upstream that
            // read the body's length differently from the proxy would be open to request smuggling.
            case RequestHead.CONTENT_LENGTH, RequestHead.TRANSFER_ENCODING, RequestHead.HOST -> false;
            default -> h.connectionListed(i);
        };
    }
}
