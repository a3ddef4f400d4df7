package io.tapline.proxy.server;

import io.netty.buffer.ByteBuf;

/**
 * An upstream response head as {@link ResponseFramer} found it: what the proxy needs to know, and the head's bytes
 * ready to forward.
 *
 * @param status          the status code
 * @param keepAlive       whether the upstream keeps the connection open after this response
 * @param framing         how the body is delimited
 * @param contentLength   the body's length when {@code framing} is LENGTH, else -1
 * @param contentType     the Content-Type, only when the exchange asked for body headers (a body capture), else null
 * @param contentEncoding the Content-Encoding, on the same condition
 * @param bytes           the status line and the headers to forward, each line ending in CRLF, hop-by-hop headers and
 *                        {@code Connection} removed, without the blank line that ends a head: the receiver adds its
 *                        own {@code Connection} header and the blank line, then owns (writes or releases) the buffer
 */
record ResponseHead(int status, boolean keepAlive, Framing framing, long contentLength, String contentType, String contentEncoding,
                    ByteBuf bytes) {

    /** How a response body is delimited (RFC 9112, section 6.3). */
    enum Framing {
        /** No body: a 1xx, 204 or 304 response, or the answer to a HEAD request. */
        NONE,
        /** Exactly Content-Length bytes. */
        LENGTH,
        /** Chunked transfer coding, ended by the last chunk and the trailer section. */
        CHUNKED,
        /** Everything until the upstream closes the connection. */
        CLOSE,
        /** A 101 answer to an upgrade the client asked for: from here on the connection is a byte tunnel. */
        TUNNEL
    }

    boolean informational() {
        return status >= 100 && status < 200 && framing != Framing.TUNNEL;
    }
}
