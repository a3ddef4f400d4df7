package io.tapline.proxy.server;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;

import static io.tapline.proxy.server.HeadBytes.ascii;
import static io.tapline.proxy.server.HeadBytes.contentEnd;
import static io.tapline.proxy.server.HeadBytes.indexOf;
import static io.tapline.proxy.server.HeadBytes.isToken;
import static io.tapline.proxy.server.HeadBytes.nameIs;
import static io.tapline.proxy.server.HeadBytes.skipOws;
import static io.tapline.proxy.server.HeadBytes.text;
import static io.tapline.proxy.server.HeadBytes.trimEnd;

/**
 * Reads a complete client request head in place, without making header objects: the request line, the headers
 * the proxy routes, records and frames by, and each header line's place and kind, for {@link ForwardedHeaders} to
 * forward the head as it came. Strict wherever a proxy and the upstream could read a request differently (request
 * smuggling, RFC 9112): a malformed request line or version, a folded, nameless or badly named header line, a
 * control character in a value, an invalid or conflicting Content-Length, Content-Length together with
 * Transfer-Encoding, a Transfer-Encoding whose last coding is not chunked (or in an HTTP/1.0 request), or more than
 * one Host is a 400; a request line over {@link #MAX_REQUEST_LINE} bytes a 414; a header section over
 * {@link #MAX_HEADER_BYTES} bytes a 431. One per client connection, used on its event loop.
 */
final class RequestHeadParser {
    /** The longest request line read, as the HTTP codec allowed before (8 KiB). */
    static final int MAX_REQUEST_LINE = 8 * 1024;
    /** The largest header section read (header lines with their line ends), as the HTTP codec allowed (32 KiB). */
    static final int MAX_HEADER_BYTES = 32 * 1024;

    private static final byte[] CONNECTION = ascii("connection");
    private static final byte[] KEEP_ALIVE = ascii("keep-alive");
    private static final byte[] CLOSE = ascii("close");
    private static final byte[] UPGRADE = ascii("upgrade");
    private static final byte[] USER_AGENT = ascii("user-agent");
    private static final byte[] TRACEPARENT = ascii("traceparent");
    private static final byte[] X_REQUEST_ID = ascii("x-request-id");
    private static final byte[] CONTENT_TYPE = ascii("content-type");
    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] X_FORWARDED_FOR = ascii("x-forwarded-for");
    private static final byte[] CONTENT_ENCODING = ascii("content-encoding");
    private static final byte[] PROXY_CONNECTION = ascii("proxy-connection");
    private static final byte[] X_FORWARDED_HOST = ascii("x-forwarded-host");
    private static final byte[] X_FORWARDED_PROTO = ascii("x-forwarded-proto");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    private static final byte[] PROXY_AUTHENTICATE = ascii("proxy-authenticate");
    private static final byte[] PROXY_AUTHORIZATION = ascii("proxy-authorization");
    private static final byte[] HOST = ascii("host");
    private static final byte[] TE = ascii("te");
    private static final byte[] TRAILER = ascii("trailer");

    private final RequestHead head = new RequestHead();
    private byte[] scratch = new byte[1024];

    /**
     * Parses the head in {@code in} from {@code from} to {@code to} (just after the LF of its blank line; leading
     * empty lines already skipped). The result is this parser's, valid until the next call.
     */
    RequestHead parse(ByteBuf in, int from, int to) throws BadRequest {
        // One copy into an array, then plain array reads: a buffer's getByte checks bounds and liveness each time.
        int end = to - from;
        if (scratch.length < end) {
            scratch = new byte[Math.max(end, scratch.length * 2)];
        }
        byte[] buf = scratch;
        in.getBytes(from, buf, 0, end);
        RequestHead h = head;
        h.buf = buf;
        int lf = indexOf(buf, 0, end, (byte) '\n');
        int lineEnd = contentEnd(buf, 0, lf);
        if (lineEnd > MAX_REQUEST_LINE) {
            throw BadRequest.lineTooLong(MAX_REQUEST_LINE);
        }
        if (end - (lf + 1) > MAX_HEADER_BYTES + 2) { // the blank line does not count
            throw BadRequest.headersTooLarge(MAX_HEADER_BYTES);
        }
        requestLine(buf, lineEnd, h);
        h.requestLineEnd = lineEnd;
        h.lines = 0;
        h.contentLength = -1;
        h.host = h.traceparent = h.requestId = h.userAgent = h.contentType = h.contentEncoding = null;
        h.connectionListed = null;
        boolean transferEncoding = false;
        boolean chunked = false;
        boolean close = false;
        boolean keepAliveToken = false;
        boolean upgradeToken = false;
        boolean upgradeHeader = false;
        for (int ls = lf + 1; ls < end; ) {
            int le = indexOf(buf, ls, end, (byte) '\n');
            int ce = contentEnd(buf, ls, le);
            if (ce == ls) {
                break; // the blank line
            }
            byte first = buf[ls];
            if (first == ' ' || first == '\t') {
                throw BadRequest.malformed("folded header line (obsolete line folding)");
            }
            int colon = indexOf(buf, ls, ce, (byte) ':');
            if (colon <= ls || !isToken(buf, ls, colon)) {
                throw BadRequest.malformed(colon <= ls ? "header line without a name" : "invalid header name");
            }
            int vs = skipOws(buf, colon + 1, ce);
            int ve = trimEnd(buf, vs, ce);
            for (int i = colon + 1; i < ce; i++) {
                byte b = buf[i];
                if (b >= 0 && b < ' ' && b != '\t' || b == 0x7f) {
                    throw BadRequest.malformed("control character in a header value"); // a bare CR included
                }
            }
            int k = kindOf(buf, ls, colon - ls);
            switch (k) {
                case RequestHead.CONTENT_LENGTH -> {
                    try {
                        h.contentLength = HeadBytes.contentLength(buf, vs, ve, h.contentLength);
                    } catch (IllegalArgumentException e) {
                        throw BadRequest.malformed(e.getMessage());
                    }
                }
                case RequestHead.TRANSFER_ENCODING -> {
                    transferEncoding = true;
                    for (String coding : text(buf, vs, ve).split(",")) {
                        String c = coding.trim();
                        if (c.isEmpty()) {
                            continue;
                        }
                        if (chunked) {
                            throw BadRequest.malformed("a transfer coding follows chunked");
                        }
                        chunked = c.equalsIgnoreCase("chunked");
                    }
                }
                case RequestHead.HOST -> {
                    if (h.host != null) {
                        throw BadRequest.malformed("more than one Host header");
                    }
                    h.host = text(buf, vs, ve);
                    h.hostLine = h.lines;
                }
                case RequestHead.CONNECTION -> {
                    // The usual values, compared as bytes; a list goes the slow way.
                    if (nameIs(buf, vs, ve - vs, KEEP_ALIVE)) {
                        keepAliveToken = true;
                    } else if (nameIs(buf, vs, ve - vs, CLOSE)) {
                        close = true;
                    } else {
                        for (String token : text(buf, vs, ve).split(",")) {
                            String t = token.trim().toLowerCase(Locale.ROOT);
                            switch (t) {
                                case "close" -> close = true;
                                case "keep-alive" -> keepAliveToken = true;
                                case "upgrade" -> upgradeToken = true;
                                case "" -> {
                                }
                                default -> {
                                    if (h.connectionListed == null) {
                                        h.connectionListed = new ArrayList<>(2);
                                    }
                                    h.connectionListed.add(t);
                                }
                            }
                        }
                    }
                }
                case RequestHead.UPGRADE -> upgradeHeader = true;
                case RequestHead.TRACEPARENT -> h.traceparent = h.traceparent == null ? text(buf, vs, ve) : h.traceparent;
                case RequestHead.X_REQUEST_ID -> h.requestId = h.requestId == null ? text(buf, vs, ve) : h.requestId;
                case RequestHead.USER_AGENT -> h.userAgent = h.userAgent == null ? text(buf, vs, ve) : h.userAgent;
                case RequestHead.CONTENT_TYPE -> h.contentType = h.contentType == null ? text(buf, vs, ve) : h.contentType;
                case RequestHead.CONTENT_ENCODING ->
                        h.contentEncoding = h.contentEncoding == null ? text(buf, vs, ve) : h.contentEncoding;
                default -> {
                }
            }
            add(h, ls, ce, colon, vs, ve, k);
            ls = le + 1;
        }
        if (transferEncoding) {
            if (h.http10) {
                throw BadRequest.malformed("Transfer-Encoding in an HTTP/1.0 request");
            }
            if (!chunked) {
                throw BadRequest.malformed("Transfer-Encoding whose last coding is not chunked");
            }
            if (h.contentLength >= 0) {
                throw BadRequest.malformed("both Content-Length and Transfer-Encoding");
            }
            h.framing = RequestHead.Framing.CHUNKED;
        } else {
            h.framing = h.contentLength > 0 ? RequestHead.Framing.LENGTH : RequestHead.Framing.NONE;
        }
        h.keepAlive = h.http10 ? keepAliveToken && !close : !close;
        h.upgrade = upgradeHeader && upgradeToken;
        return h;
    }

    /** Method SP request-target SP HTTP-version, single spaces, HTTP/1.0 or HTTP/1.1 only. */
    private static void requestLine(byte[] buf, int lineEnd, RequestHead h) throws BadRequest {
        int sp1 = indexOf(buf, 0, lineEnd, (byte) ' ');
        int sp2 = sp1 < 0 ? -1 : indexOf(buf, sp1 + 1, lineEnd, (byte) ' ');
        if (sp1 <= 0 || sp2 <= sp1 + 1 || !isToken(buf, 0, sp1)) {
            throw BadRequest.malformed("malformed request line");
        }
        for (int i = sp1 + 1; i < sp2; i++) {
            byte b = buf[i];
            if (b >= 0 && b <= ' ' || b == 0x7f) {
                throw BadRequest.malformed("invalid character in the request target");
            }
        }
        if (lineEnd - sp2 - 1 != 8 || buf[sp2 + 1] != 'H' || buf[sp2 + 2] != 'T' || buf[sp2 + 3] != 'T'
                || buf[sp2 + 4] != 'P' || buf[sp2 + 5] != '/' || buf[sp2 + 6] != '1' || buf[sp2 + 7] != '.'
                || buf[sp2 + 8] != '0' && buf[sp2 + 8] != '1') {
            throw BadRequest.malformed("unsupported HTTP version (HTTP/1.0 and HTTP/1.1 only)");
        }
        h.http10 = buf[sp2 + 8] == '0';
        h.method = method(buf, sp1);
        h.uri = text(buf, sp1 + 1, sp2);
    }

    /** The method's name: the common ones as constants, without a new string per request. */
    private static String method(byte[] buf, int len) {
        String common = switch (len) {
            case 3 -> is(buf, len, "GET") ? "GET" : is(buf, len, "PUT") ? "PUT" : null;
            case 4 -> is(buf, len, "POST") ? "POST" : is(buf, len, "HEAD") ? "HEAD" : null;
            case 5 -> is(buf, len, "PATCH") ? "PATCH" : null;
            case 6 -> is(buf, len, "DELETE") ? "DELETE" : null;
            case 7 -> is(buf, len, "OPTIONS") ? "OPTIONS" : null;
            default -> null;
        };
        return common != null ? common : text(buf, 0, len);
    }

    private static boolean is(byte[] buf, int len, String method) {
        for (int i = 0; i < len; i++) {
            if (buf[i] != method.charAt(i)) { // methods are case-sensitive
                return false;
            }
        }
        return true;
    }

    private static void add(RequestHead h, int start, int end, int colon, int vs, int ve, int k) {
        int i = h.lines++;
        if (i == h.lineStart.length) {
            int n = i * 2;
            h.lineStart = Arrays.copyOf(h.lineStart, n);
            h.lineEnd = Arrays.copyOf(h.lineEnd, n);
            h.nameEnd = Arrays.copyOf(h.nameEnd, n);
            h.valueStart = Arrays.copyOf(h.valueStart, n);
            h.valueEnd = Arrays.copyOf(h.valueEnd, n);
            h.kind = Arrays.copyOf(h.kind, n);
        }
        h.lineStart[i] = start;
        h.lineEnd[i] = end;
        h.nameEnd[i] = colon;
        h.valueStart[i] = vs;
        h.valueEnd[i] = ve;
        h.kind[i] = k;
    }

    /** The kind of a header name: by its length first, so most names cost one comparison or none. */
    private static int kindOf(byte[] buf, int from, int len) {
        return switch (len) {
            case 2 -> nameIs(buf, from, len, TE) ? RequestHead.HOP_BY_HOP : RequestHead.OTHER;
            case 4 -> nameIs(buf, from, len, HOST) ? RequestHead.HOST : RequestHead.OTHER;
            case 7 -> nameIs(buf, from, len, UPGRADE) ? RequestHead.UPGRADE
                    : nameIs(buf, from, len, TRAILER) ? RequestHead.HOP_BY_HOP : RequestHead.OTHER;
            case 10 -> nameIs(buf, from, len, CONNECTION) ? RequestHead.CONNECTION
                    : nameIs(buf, from, len, USER_AGENT) ? RequestHead.USER_AGENT
                    : nameIs(buf, from, len, KEEP_ALIVE) ? RequestHead.HOP_BY_HOP : RequestHead.OTHER;
            case 11 -> nameIs(buf, from, len, TRACEPARENT) ? RequestHead.TRACEPARENT : RequestHead.OTHER;
            case 12 -> nameIs(buf, from, len, X_REQUEST_ID) ? RequestHead.X_REQUEST_ID
                    : nameIs(buf, from, len, CONTENT_TYPE) ? RequestHead.CONTENT_TYPE : RequestHead.OTHER;
            case 14 -> nameIs(buf, from, len, CONTENT_LENGTH) ? RequestHead.CONTENT_LENGTH : RequestHead.OTHER;
            case 15 -> nameIs(buf, from, len, X_FORWARDED_FOR) ? RequestHead.X_FORWARDED_FOR : RequestHead.OTHER;
            case 16 -> nameIs(buf, from, len, CONTENT_ENCODING) ? RequestHead.CONTENT_ENCODING
                    : nameIs(buf, from, len, X_FORWARDED_HOST) ? RequestHead.X_FORWARDED_HOST
                    : nameIs(buf, from, len, PROXY_CONNECTION) ? RequestHead.HOP_BY_HOP : RequestHead.OTHER;
            case 17 -> nameIs(buf, from, len, TRANSFER_ENCODING) ? RequestHead.TRANSFER_ENCODING
                    : nameIs(buf, from, len, X_FORWARDED_PROTO) ? RequestHead.X_FORWARDED_PROTO : RequestHead.OTHER;
            case 18 -> nameIs(buf, from, len, PROXY_AUTHENTICATE) ? RequestHead.HOP_BY_HOP : RequestHead.OTHER;
            case 19 -> nameIs(buf, from, len, PROXY_AUTHORIZATION) ? RequestHead.HOP_BY_HOP : RequestHead.OTHER;
            default -> RequestHead.OTHER;
        };
    }
}
