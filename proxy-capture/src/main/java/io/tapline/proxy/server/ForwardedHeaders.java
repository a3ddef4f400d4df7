package io.tapline.proxy.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Rewrites a request's headers for the upstream: drops hop-by-hop headers (keeping an upgrade's), and adds
 * {@code X-Forwarded-For/-Proto/-Host}, {@code traceparent} and {@code X-Request-Id}. One per client connection:
 * the values it adds are kept as {@link AsciiString}s (the client's address, the last Host), which Netty checks
 * and encodes with array loops instead of a {@code charAt} per character.
 */
final class ForwardedHeaders {
    static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");
    static final AsciiString X_REQUEST_ID = AsciiString.cached("x-request-id");
    static final AsciiString TRACEPARENT = AsciiString.cached("traceparent");
    private static final List<AsciiString> HOP_BY_HOP = List.of(HttpHeaderNames.KEEP_ALIVE,
            HttpHeaderNames.PROXY_AUTHENTICATE, HttpHeaderNames.PROXY_AUTHORIZATION, HttpHeaderNames.TE,
            HttpHeaderNames.TRAILER, AsciiString.cached("proxy-connection"));

    private static final AsciiString HTTP = AsciiString.cached("http");
    private static final AsciiString HTTPS = AsciiString.cached("https");

    private final AsciiString peerIp;
    private final AsciiString proto;
    private String lastHost;
    private AsciiString lastHostAscii;

    /** For a connection from {@code peerIp}, over TLS or not. */
    ForwardedHeaders(String peerIp, boolean tls) {
        this.peerIp = new AsciiString(peerIp);
        this.proto = tls ? HTTPS : HTTP;
    }

    void forRequest(HttpHeaders h, TraceContext trace, boolean upgrade) {
        removeConnectionListed(h, upgrade);
        HOP_BY_HOP.forEach(h::remove);
        if (!upgrade) {
            h.remove(HttpHeaderNames.UPGRADE);
        }
        List<String> prior = h.contains(X_FORWARDED_FOR) ? h.getAll(X_FORWARDED_FOR) : List.of();
        String joined = prior.isEmpty() ? "" : String.join(", ", prior);
        h.set(X_FORWARDED_FOR, joined.isBlank() ? peerIp : joined + ", " + peerIp);
        h.set(X_FORWARDED_PROTO, proto);
        String host = h.get(HttpHeaderNames.HOST);
        if (host != null) {
            if (!host.equals(lastHost)) { // a keep-alive connection almost always asks for the same host
                lastHost = host;
                lastHostAscii = new AsciiString(host);
            }
            h.set(X_FORWARDED_HOST, lastHostAscii);
        }
        h.set(TRACEPARENT, trace.traceparent());
        h.set(X_REQUEST_ID, trace.requestId());
    }

    static void forResponse(HttpHeaders h, boolean upgrade) {
        removeConnectionListed(h, upgrade);
        HOP_BY_HOP.forEach(h::remove);
    }

    /** Removes the headers a {@code Connection} header names, and the header itself unless upgrading. */
    private static void removeConnectionListed(HttpHeaders h, boolean upgrade) {
        if (namesNoHeaders(h)) {
            setOrRemoveConnection(h, upgrade);
            return;
        }
        for (String value : h.getAll(HttpHeaderNames.CONNECTION)) { // a copy: headers are removed below
            for (String name : value.split(",")) {
                String n = name.trim().toLowerCase(Locale.ROOT);
                if (!n.isEmpty() && !n.equals("upgrade") && !n.equals("close") && !n.equals("keep-alive")) {
                    h.remove(n);
                }
            }
        }
        setOrRemoveConnection(h, upgrade);
    }

    /** True in the usual case, no {@code Connection} header or only keep-alive/close: checked without copying. */
    private static boolean namesNoHeaders(HttpHeaders h) {
        for (Iterator<String> values = h.valueStringIterator(HttpHeaderNames.CONNECTION); values.hasNext(); ) {
            String value = values.next();
            if (!HttpHeaderValues.KEEP_ALIVE.contentEqualsIgnoreCase(value)
                    && !HttpHeaderValues.CLOSE.contentEqualsIgnoreCase(value)) {
                return false;
            }
        }
        return true;
    }

    private static void setOrRemoveConnection(HttpHeaders h, boolean upgrade) {
        if (upgrade) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderNames.UPGRADE);
        } else {
            h.remove(HttpHeaderNames.CONNECTION);
        }
    }
}
