package io.tapline.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Finds where upstream responses begin and end in the bytes of an upstream connection, so that the proxy can relay
 * them as they came instead of decoding them into HTTP objects and encoding them again: only the head is read (and
 * rewritten, see {@link ResponseHeadParser}); the body is handed on as slices of the buffers it arrived in, chunk
 * framing and trailers included, while the framer follows Content-Length or the chunked coding to know when the
 * response ends and the connection may serve the next request. Holds at most {@link #MAX_HEAD_BYTES} of a head split
 * across reads and never any body. One per upstream connection, used on its event loop.
 */
final class ResponseFramer {
    /** The largest response head accepted (status line and headers), as the HTTP codec allowed before. */
    static final int MAX_HEAD_BYTES = 64 * 1024;
    static final int MAX_CHUNK_LINE = BodyFramer.MAX_CHUNK_LINE;
    static final int MAX_TRAILER_BYTES = BodyFramer.MAX_TRAILER_BYTES;

    /** What the framer finds, in the order it finds it. */
    interface Listener extends BodyFramer.Data {
        /** A response head (1xx heads included); the listener owns {@code head.bytes()}. */
        void onHead(ResponseHead head);

        /** Body bytes as they came (chunk framing included) to forward; the listener owns the slice. */
        void onBody(ByteBuf raw);

        /**
         * The response of the last head is complete (for a 1xx head, another head follows). {@code reusable} is
         * false when bytes followed a final response: the connection is out of step and must not be reused.
         */
        void onEnd(boolean reusable);

        /** The bytes cannot be relayed safely; the framer ignores everything after this. */
        void onError(String reason);
    }

    private enum State {
        IDLE, HEAD, BODY, CLOSE, TUNNEL, FAILED
    }

    private final Listener listener;
    private final ByteBufAllocator alloc;
    private final ResponseHeadParser parser = new ResponseHeadParser();
    private final BodyFramer.HeadEnd headEnd = new BodyFramer.HeadEnd();
    private final BodyFramer body = new BodyFramer();
    private State state = State.IDLE;
    private boolean headRequest;
    private boolean upgradeRequested;
    private boolean wantBodyHeaders;
    /** The start of a head that did not arrive in one read. */
    private final PartialHead partialHead;

    ResponseFramer(Listener listener, ByteBufAllocator alloc) {
        this.listener = listener;
        this.alloc = alloc;
        this.partialHead = new PartialHead(alloc);
    }

    /** A request went upstream: the next bytes are its response. */
    void expect(boolean headRequest, boolean upgradeRequested, boolean wantBodyHeaders) {
        this.headRequest = headRequest;
        this.upgradeRequested = upgradeRequested;
        this.wantBodyHeaders = wantBodyHeaders;
        partialHead.release();
        awaitHead();
    }

    /** Reads {@code in} (not released here: the caller does), calling the listener for everything it completes. */
    void feed(ByteBuf in) {
        while (in.isReadable()) {
            switch (state) {
                case IDLE, FAILED -> {
                    in.skipBytes(in.readableBytes()); // the caller decides what unasked-for bytes mean
                    return;
                }
                case HEAD -> {
                    if (!readHead(in)) {
                        return;
                    }
                }
                case BODY -> {
                    int raw = in.readerIndex();
                    boolean done = body.feed(in, listener);
                    if (body.failed()) {
                        fail(in, body.error());
                        return;
                    }
                    forward(in, raw);
                    if (done) {
                        end(in);
                    }
                }
                case CLOSE -> {
                    int raw = in.readerIndex();
                    listener.onData(in.slice());
                    in.skipBytes(in.readableBytes());
                    forward(in, raw);
                }
                case TUNNEL -> {
                    int raw = in.readerIndex();
                    in.skipBytes(in.readableBytes());
                    forward(in, raw);
                }
            }
        }
    }

    /**
     * The upstream closed the connection. Returns true when that completed the response (a body delimited by the
     * close, after the listener got {@code onEnd}); false when a response was cut short or none was due.
     */
    boolean closed() {
        partialHead.release();
        if (state == State.CLOSE) {
            state = State.IDLE;
            listener.onEnd(false);
            return true;
        }
        return false;
    }

    /** The connection is gone: frees a partial head. */
    void release() {
        partialHead.release();
        state = State.FAILED;
    }

    private boolean readHead(ByteBuf in) {
        int from = in.readerIndex();
        int held = partialHead.size();
        int lf = in.forEachByte(from, in.readableBytes(), headEnd);
        int taken = lf < 0 ? in.readableBytes() : lf + 1 - from;
        if (held + taken > MAX_HEAD_BYTES) {
            fail(in, "response head larger than " + MAX_HEAD_BYTES / 1024 + " KiB");
            return false;
        }
        if (lf < 0) {
            partialHead.keep(in, taken);
            return false;
        }
        ResponseHead head;
        try {
            head = partialHead.complete(in, taken,
                    (buf, start, end) -> parser.parse(buf, start, end, headRequest, upgradeRequested, wantBodyHeaders,
                            alloc));
        } catch (ResponseHeadParser.BadResponse e) {
            fail(in, e.getMessage());
            return false;
        }
        switch (head.framing()) {
            case LENGTH -> {
                state = State.BODY;
                if (head.contentLength() > 0) {
                    body.length(head.contentLength());
                }
            }
            case CHUNKED -> {
                state = State.BODY;
                body.chunked();
            }
            case CLOSE -> state = State.CLOSE;
            case TUNNEL -> state = State.TUNNEL;
            case NONE -> state = head.informational() ? State.HEAD : State.IDLE;
        }
        listener.onHead(head);
        if (head.framing() == ResponseHead.Framing.NONE
                || head.framing() == ResponseHead.Framing.LENGTH && head.contentLength() == 0) {
            if (head.informational()) {
                awaitHead();
                listener.onEnd(true);
            } else {
                end(in);
            }
        }
        return state != State.FAILED;
    }

    /** Hands on the body bytes from {@code raw} to the read position. */
    private void forward(ByteBuf in, int raw) {
        if (in.readerIndex() > raw) {
            listener.onBody(in.retainedSlice(raw, in.readerIndex() - raw));
        }
    }

    /** A final response is complete; what follows it in this read was not asked for. */
    private void end(ByteBuf in) {
        boolean extra = in.isReadable();
        in.skipBytes(in.readableBytes());
        state = State.IDLE; // before the listener runs: it may hand the connection to the next exchange
        listener.onEnd(!extra);
    }

    private void fail(ByteBuf in, String reason) {
        in.skipBytes(in.readableBytes());
        fail(reason);
    }

    private void fail(String reason) {
        partialHead.release();
        state = State.FAILED;
        listener.onError(reason);
    }

    private void awaitHead() {
        state = State.HEAD;
        headEnd.reset();
    }

}
