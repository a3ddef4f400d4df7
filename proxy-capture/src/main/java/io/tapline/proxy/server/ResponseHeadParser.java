package io.tapline.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tapline.proxy.server.ResponseHead.Framing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.tapline.proxy.server.HeadBytes.ascii;
import static io.tapline.proxy.server.HeadBytes.contentEnd;
import static io.tapline.proxy.server.HeadBytes.indexOf;
import static io.tapline.proxy.server.HeadBytes.isOws;
import static io.tapline.proxy.server.HeadBytes.isToken;
import static io.tapline.proxy.server.HeadBytes.nameIs;
import static io.tapline.proxy.server.HeadBytes.skipOws;
import static io.tapline.proxy.server.HeadBytes.text;

/**
 * Reads a complete upstream response head in place, without making header objects: the status, how the body is
 * framed, whether the upstream keeps the connection, and (only for a body capture) the body's type and encoding. It
 * copies the lines to forward into one buffer, leaving out hop-by-hop headers and those {@code Connection} names.
 * Strict where framing is at stake (RFC 9112): a malformed status line, a folded or nameless header line, an invalid
 * or conflicting Content-Length, or a Transfer-Encoding whose chunked coding is not last is a {@link BadResponse}.
 */
final class ResponseHeadParser {
    /** Why a head cannot be relayed; its message names what was wrong, for the event record. */
    static final class BadResponse extends Exception {
        BadResponse(String message) {
            super(message, null, false, false);
        }
    }

    private static final int OTHER = 0;
    private static final int DROP = 1;
    private static final int CONTENT_LENGTH = 2;
    private static final int TRANSFER_ENCODING = 3;
    private static final int CONNECTION = 4;
    private static final int CONTENT_TYPE = 5;
    private static final int CONTENT_ENCODING = 6;
    private static final byte[][] NAMES = {
            null, null, ascii("content-length"), ascii("transfer-encoding"), ascii("connection"),
            ascii("content-type"), ascii("content-encoding")};
    /** Hop-by-hop response headers, as {@link ForwardedHeaders} drops them (Upgrade stays: a 101 needs it). */
    private static final byte[][] HOP_BY_HOP = {ascii("keep-alive"), ascii("proxy-authenticate"),
            ascii("proxy-authorization"), ascii("te"), ascii("trailer"), ascii("proxy-connection")};
    private static final byte[] CLOSE = ascii("close");
    /** Room left in the forwarded head for the {@code Connection} line and blank line the receiver appends. */
    static final int TAIL_ROOM = 32;

    // Per header line: where it starts, where its content ends (CR/LF excluded), where its name ends, its kind.
    private int[] lineStart = new int[32];
    private int[] lineEnd = new int[32];
    private int[] nameEnd = new int[32];
    private int[] kind = new int[32];
    private byte[] scratch = new byte[1024];

    /**
     * Parses the head in {@code buf} from {@code start} to {@code end} (just after the LF of its blank line).
     *
     * @param headRequest      the request was HEAD: the response has no body whatever its headers say
     * @param upgradeRequested the client asked for an upgrade: a 101 turns the connection into a tunnel
     * @param wantBodyHeaders  read Content-Type and Content-Encoding (a body capture needs them)
     */
    ResponseHead parse(ByteBuf in, int from, int to, boolean headRequest, boolean upgradeRequested,
                       boolean wantBodyHeaders, ByteBufAllocator alloc) throws BadResponse {
        // One copy into an array, then plain array reads: a buffer's getByte checks bounds and liveness each time.
        int start = 0;
        int end = to - from;
        if (scratch.length < end) {
            scratch = new byte[Math.max(end, scratch.length * 2)];
        }
        byte[] buf = scratch;
        in.getBytes(from, buf, 0, end);
        int lf = indexOf(buf, start, end, (byte) '\n');
        int statusEnd = contentEnd(buf, start, lf);
        if (statusEnd - start < 12 || !startsWithHttp1(buf, start) || buf[start + 8] != ' '
                || statusEnd - start > 12 && buf[start + 12] != ' ') {
            throw new BadResponse("malformed status line");
        }
        if (indexOf(buf, start, statusEnd, (byte) '\r') >= 0) {
            throw new BadResponse("bare CR in the status line");
        }
        boolean http10 = buf[start + 7] == '0';
        int status = 0;
        for (int i = start + 9; i < start + 12; i++) {
            byte d = buf[i];
            if (d < '0' || d > '9') {
                throw new BadResponse("malformed status code");
            }
            status = status * 10 + d - '0';
        }
        if (status < 100) {
            throw new BadResponse("status code " + status + " out of range");
        }
        int lines = 0;
        long contentLength = -1;
        boolean transferEncoding = false;
        boolean chunked = false;
        boolean close = false;
        boolean keepAliveToken = false;
        List<String> connectionListed = null;
        String contentType = null;
        String contentEncoding = null;
        for (int ls = lf + 1; ls < end; ) {
            int le = indexOf(buf, ls, end, (byte) '\n');
            int ce = contentEnd(buf, ls, le);
            if (ce == ls) {
                break; // the blank line
            }
            if (indexOf(buf, ls, ce, (byte) '\r') >= 0) {
                throw new BadResponse("bare CR in a header line"); // a client could read it as a line end
            }
            byte first = buf[ls];
            if (first == ' ' || first == '\t') {
                throw new BadResponse("folded header line (obsolete line folding)");
            }
            int colon = indexOf(buf, ls, ce, (byte) ':');
            if (colon <= ls) {
                throw new BadResponse("header line without a name");
            }
            if (!isToken(buf, ls, colon)) {
                throw new BadResponse("invalid header name");
            }
            int k = kindOf(buf, ls, colon - ls);
            int vs = colon + 1;
            int ve = ce;
            vs = skipOws(buf, vs, ve);
            while (ve > vs && isOws(buf[ve - 1])) {
                ve--;
            }
            switch (k) {
                case CONTENT_LENGTH -> {
                    try {
                        contentLength = HeadBytes.contentLength(buf, vs, ve, contentLength);
                    } catch (IllegalArgumentException e) {
                        throw new BadResponse(e.getMessage());
                    }
                }
                case TRANSFER_ENCODING -> {
                    transferEncoding = true;
                    for (String coding : text(buf, vs, ve).split(",")) {
                        String c = coding.trim();
                        if (c.isEmpty()) {
                            continue;
                        }
                        if (chunked) {
                            throw new BadResponse("a transfer coding follows chunked");
                        }
                        chunked = c.equalsIgnoreCase("chunked");
                    }
                }
                case CONNECTION -> {
                    // The usual values, compared as bytes; a list goes the slow way.
                    if (nameIs(buf, vs, ve - vs, HOP_BY_HOP[0])) {
                        keepAliveToken = true;
                        break;
                    }
                    if (nameIs(buf, vs, ve - vs, CLOSE)) {
                        close = true;
                        break;
                    }
                    for (String token : text(buf, vs, ve).split(",")) {
                        String t = token.trim().toLowerCase(Locale.ROOT);
                        if (t.equals("close")) {
                            close = true;
                        } else if (t.equals("keep-alive")) {
                            keepAliveToken = true;
                        } else if (!t.isEmpty() && !t.equals("upgrade")) {
                            if (connectionListed == null) {
                                connectionListed = new ArrayList<>(2);
                            }
                            connectionListed.add(t);
                        }
                    }
                }
                case CONTENT_TYPE -> contentType = wantBodyHeaders ? text(buf, vs, ve) : null;
                case CONTENT_ENCODING -> contentEncoding = wantBodyHeaders ? text(buf, vs, ve) : null;
                default -> {
                }
            }
            add(lines++, ls, ce, colon, k);
            ls = le + 1;
        }
        boolean keepAlive = http10 ? keepAliveToken && !close : !close;
        Framing framing;
        boolean dropContentLength = false;
        if (status == 101) {
            if (!upgradeRequested) {
                throw new BadResponse("101 Switching Protocols to a request that asked for no upgrade");
            }
            framing = Framing.TUNNEL;
        } else if (status < 200 || status == 204 || status == 304 || headRequest) {
            framing = Framing.NONE;
        } else if (transferEncoding) {
            framing = chunked ? Framing.CHUNKED : Framing.CLOSE;
            // Both headers: the transfer coding wins and the connection is not reused (RFC 9112, 6.3).
            dropContentLength = contentLength >= 0;
            keepAlive &= !dropContentLength && chunked;
        } else if (contentLength >= 0) {
            framing = Framing.LENGTH;
        } else {
            framing = Framing.CLOSE;
            keepAlive = false;
        }
        ByteBuf out = alloc.buffer(end - start + TAIL_ROOM);
        out.writeBytes(buf, start, statusEnd - start).writeShort(0x0d0a);
        for (int i = 0; i < lines; i++) {
            int k = kind[i];
            if (k == DROP || k == CONNECTION || k == CONTENT_LENGTH && dropContentLength
                    || connectionListed != null && connectionListed.contains(
                    text(buf, lineStart[i], nameEnd[i]).toLowerCase(Locale.ROOT))) {
                continue;
            }
            out.writeBytes(buf, lineStart[i], lineEnd[i] - lineStart[i]).writeShort(0x0d0a);
        }
        long length = framing == Framing.LENGTH ? contentLength : -1;
        return new ResponseHead(status, keepAlive, framing, length, contentType, contentEncoding, out);
    }

    private void add(int i, int start, int end, int colon, int k) {
        if (i == lineStart.length) {
            int n = i * 2;
            lineStart = java.util.Arrays.copyOf(lineStart, n);
            lineEnd = java.util.Arrays.copyOf(lineEnd, n);
            nameEnd = java.util.Arrays.copyOf(nameEnd, n);
            kind = java.util.Arrays.copyOf(kind, n);
        }
        lineStart[i] = start;
        lineEnd[i] = end;
        nameEnd[i] = colon;
        kind[i] = k;
    }

    /** The kind of a header name: by its length first, so most names cost one comparison or none. */
    private static int kindOf(byte[] buf, int from, int len) {
        return switch (len) {
            case 2 -> nameIs(buf, from, len, HOP_BY_HOP[3]) ? DROP : OTHER;
            case 7 -> nameIs(buf, from, len, HOP_BY_HOP[4]) ? DROP : OTHER;
            case 10 -> nameIs(buf, from, len, NAMES[CONNECTION]) ? CONNECTION
                    : nameIs(buf, from, len, HOP_BY_HOP[0]) ? DROP : OTHER;
            case 12 -> nameIs(buf, from, len, NAMES[CONTENT_TYPE]) ? CONTENT_TYPE : OTHER;
            case 14 -> nameIs(buf, from, len, NAMES[CONTENT_LENGTH]) ? CONTENT_LENGTH : OTHER;
            case 16 -> nameIs(buf, from, len, NAMES[CONTENT_ENCODING]) ? CONTENT_ENCODING
                    : nameIs(buf, from, len, HOP_BY_HOP[5]) ? DROP : OTHER;
            case 17 -> nameIs(buf, from, len, NAMES[TRANSFER_ENCODING]) ? TRANSFER_ENCODING : OTHER;
            case 18 -> nameIs(buf, from, len, HOP_BY_HOP[1]) ? DROP : OTHER;
            case 19 -> nameIs(buf, from, len, HOP_BY_HOP[2]) ? DROP : OTHER;
            default -> OTHER;
        };
    }

    private static boolean startsWithHttp1(byte[] buf, int at) {
        return buf[at] == 'H' && buf[at + 1] == 'T' && buf[at + 2] == 'T'
                && buf[at + 3] == 'P' && buf[at + 4] == '/' && buf[at + 5] == '1'
                && buf[at + 6] == '.' && (buf[at + 7] == '0' || buf[at + 7] == '1');
    }
}
