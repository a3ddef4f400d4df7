package io.tapline.proxy.server;

import java.util.ArrayList;
import java.util.List;

/**
 * A client's request head as {@link RequestHeadParser} read it: what routing, the record and the framing need, and
 * the head's own bytes with each header line's place and kind, so that the head can be forwarded as it came with
 * the proxy's lines spliced in ({@link ForwardedHeaders}). A view over the parser's buffers: valid until the parser
 * reads the next head (one per client connection, and the next head is read only once this exchange is done with
 * it).
 */
final class RequestHead {
    /** How the request body is delimited (RFC 9112, 6.3): a request without either header has none. */
    enum Framing { NONE, LENGTH, CHUNKED }

    // Header kinds: what the proxy reads, rewrites or drops.
    static final int OTHER = 0;
    static final int HOP_BY_HOP = 1;
    static final int CONNECTION = 2;
    static final int CONTENT_LENGTH = 3;
    static final int TRANSFER_ENCODING = 4;
    static final int HOST = 5;
    static final int UPGRADE = 6;
    static final int X_FORWARDED_FOR = 7;
    static final int X_FORWARDED_PROTO = 8;
    static final int X_FORWARDED_HOST = 9;
    static final int TRACEPARENT = 10;
    static final int X_REQUEST_ID = 11;
    static final int USER_AGENT = 12;
    static final int CONTENT_TYPE = 13;
    static final int CONTENT_ENCODING = 14;

    String method;
    String uri;
    boolean http10;
    boolean keepAlive;
    /** The client asked for an upgrade: an Upgrade header and the {@code upgrade} token in Connection. */
    boolean upgrade;
    Framing framing;
    long contentLength;
    /** First values of the headers the proxy reads (null when absent). */
    String host;
    /** The index of the Host header line, when there is one. */
    int hostLine;
    String traceparent;
    String requestId;
    String userAgent;
    String contentType;
    String contentEncoding;
    /** Lower-case names that the Connection header lists (other than close, keep-alive, upgrade); null: none. */
    List<String> connectionListed;

    // The head's bytes and, per header line: where it starts, where its content ends (CR/LF excluded), where its
    // name ends, where its value starts and ends (surrounding whitespace excluded), its kind.
    byte[] buf;
    int requestLineEnd;
    int lines;
    int[] lineStart = new int[32];
    int[] valueStart = new int[32];
    int[] valueEnd = new int[32];
    int[] lineEnd = new int[32];
    int[] nameEnd = new int[32];
    int[] kind = new int[32];

    /** The values of every X-Forwarded-For line, in order; empty when there is none. */
    List<String> forwardedFor() {
        List<String> values = null;
        for (int i = 0; i < lines; i++) {
            if (kind[i] == X_FORWARDED_FOR) {
                if (values == null) {
                    values = new ArrayList<>(2);
                }
                values.add(value(i));
            }
        }
        return values == null ? List.of() : values;
    }

    /** The value of header line {@code i}, without surrounding whitespace. */
    String value(int i) {
        return HeadBytes.text(buf, valueStart[i], valueEnd[i]);
    }

    /** Whether header line {@code i}'s name is one the Connection header lists (dropped on the way upstream). */
    boolean connectionListed(int i) {
        if (connectionListed == null) {
            return false;
        }
        for (String name : connectionListed) {
            if (HeadBytes.nameIs(buf, lineStart[i], nameEnd[i] - lineStart[i], HeadBytes.ascii(name))) {
                return true;
            }
        }
        return false;
    }
}
