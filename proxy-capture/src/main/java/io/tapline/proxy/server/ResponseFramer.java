package io.tapline.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ByteProcessor;

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
    static final int MAX_CHUNK_LINE = 4 * 1024;
    static final int MAX_TRAILER_BYTES = 64 * 1024;

    /** What the framer finds, in the order it finds it. */
    interface Listener {
        /** A response head (1xx heads included); the listener owns {@code head.bytes()}. */
        void onHead(ResponseHead head);

        /** Body payload (chunk framing left out), to count and capture: a view valid during the call only. */
        void onData(ByteBuf data);

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
        IDLE, HEAD, LENGTH, CLOSE, TUNNEL, CHUNK_SIZE, CHUNK_EXT, CHUNK_SIZE_LF, CHUNK_DATA, CHUNK_DATA_CR,
        CHUNK_DATA_LF, TRAILER, FAILED
    }

    private final Listener listener;
    private final ByteBufAllocator alloc;
    private final ResponseHeadParser parser = new ResponseHeadParser();
    private final HeadEnd headEnd = new HeadEnd();
    private State state = State.IDLE;
    private boolean headRequest;
    private boolean upgradeRequested;
    private boolean wantBodyHeaders;
    /** The start of a head that did not arrive in one read. */
    private ByteBuf partialHead;
    /** Body bytes still due: of the Content-Length, or of the current chunk. */
    private long remaining;
    private int chunkDigits;
    private int lineBytes;

    ResponseFramer(Listener listener, ByteBufAllocator alloc) {
        this.listener = listener;
        this.alloc = alloc;
    }

    /** A request went upstream: the next bytes are its response. */
    void expect(boolean headRequest, boolean upgradeRequested, boolean wantBodyHeaders) {
        this.headRequest = headRequest;
        this.upgradeRequested = upgradeRequested;
        this.wantBodyHeaders = wantBodyHeaders;
        releasePartial();
        awaitHead();
    }

    /** Reads {@code in} (not released here: the caller does), calling the listener for everything it completes. */
    void feed(ByteBuf in) {
        int raw = -1; // where the body bytes of this read not handed on yet begin
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
                case LENGTH -> {
                    raw = raw < 0 ? in.readerIndex() : raw;
                    int n = (int) Math.min(remaining, in.readableBytes());
                    data(in, n);
                    remaining -= n;
                    if (remaining == 0) {
                        raw = body(in, raw);
                        end(in);
                    }
                }
                case CLOSE -> {
                    raw = raw < 0 ? in.readerIndex() : raw;
                    data(in, in.readableBytes());
                }
                case TUNNEL -> {
                    raw = raw < 0 ? in.readerIndex() : raw;
                    in.skipBytes(in.readableBytes());
                }
                case CHUNK_DATA -> {
                    raw = raw < 0 ? in.readerIndex() : raw;
                    int n = (int) Math.min(remaining, in.readableBytes());
                    data(in, n);
                    remaining -= n;
                    if (remaining == 0) {
                        state = State.CHUNK_DATA_CR;
                    }
                }
                default -> {
                    raw = raw < 0 ? in.readerIndex() : raw;
                    if (!chunkFraming(in.readByte())) {
                        return; // failed
                    }
                    if (state == State.IDLE) { // the trailer section ended
                        raw = body(in, raw);
                        end(in);
                    }
                }
            }
        }
        body(in, raw);
    }

    /**
     * The upstream closed the connection. Returns true when that completed the response (a body delimited by the
     * close, after the listener got {@code onEnd}); false when a response was cut short or none was due.
     */
    boolean closed() {
        releasePartial();
        if (state == State.CLOSE) {
            state = State.IDLE;
            listener.onEnd(false);
            return true;
        }
        return false;
    }

    /** The connection is gone: frees a partial head. */
    void release() {
        releasePartial();
        state = State.FAILED;
    }

    private boolean readHead(ByteBuf in) {
        int from = in.readerIndex();
        int held = partialHead == null ? 0 : partialHead.readableBytes();
        int lf = in.forEachByte(from, in.readableBytes(), headEnd);
        int taken = lf < 0 ? in.readableBytes() : lf + 1 - from;
        if (held + taken > MAX_HEAD_BYTES) {
            fail(in, "response head larger than " + MAX_HEAD_BYTES / 1024 + " KiB");
            return false;
        }
        if (lf < 0) {
            if (partialHead == null) {
                partialHead = alloc.heapBuffer(Math.max(taken, 512));
            }
            partialHead.writeBytes(in, taken);
            return false;
        }
        ResponseHead head;
        try {
            if (partialHead == null) {
                head = parser.parse(in, from, from + taken, headRequest, upgradeRequested, wantBodyHeaders, alloc);
                in.skipBytes(taken);
            } else {
                partialHead.writeBytes(in, taken);
                head = parser.parse(partialHead, partialHead.readerIndex(), partialHead.writerIndex(), headRequest,
                        upgradeRequested, wantBodyHeaders, alloc);
                releasePartial();
            }
        } catch (ResponseHeadParser.BadResponse e) {
            fail(in, e.getMessage());
            return false;
        }
        switch (head.framing()) {
            case LENGTH -> {
                state = State.LENGTH;
                remaining = head.contentLength();
            }
            case CHUNKED -> startChunk();
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

    /** One byte of chunk-size line, chunk end or trailer section; false after a failure. */
    private boolean chunkFraming(byte b) {
        switch (state) {
            case CHUNK_SIZE -> {
                int digit = Character.digit(b, 16);
                if (digit >= 0) {
                    if (++chunkDigits > 15) {
                        return fail("chunk size too large");
                    }
                    remaining = remaining * 16 + digit;
                } else if (chunkDigits == 0) {
                    return fail("invalid chunk size");
                } else if (b == ';' || b == ' ' || b == '\t') {
                    state = State.CHUNK_EXT; // chunk extensions: relayed, never interpreted
                } else if (b == '\r') {
                    state = State.CHUNK_SIZE_LF;
                } else if (b == '\n') {
                    chunkSizeRead();
                } else {
                    return fail("invalid chunk size");
                }
            }
            case CHUNK_EXT -> {
                if (b == '\n') {
                    chunkSizeRead();
                } else if (++lineBytes > MAX_CHUNK_LINE) {
                    return fail("chunk extension longer than " + MAX_CHUNK_LINE + " bytes");
                }
            }
            case CHUNK_SIZE_LF -> {
                if (b != '\n') {
                    return fail("invalid chunk size line");
                }
                chunkSizeRead();
            }
            case CHUNK_DATA_CR -> {
                if (b == '\r') {
                    state = State.CHUNK_DATA_LF;
                } else if (b == '\n') {
                    startChunk();
                } else {
                    return fail("chunk data longer than its size");
                }
            }
            case CHUNK_DATA_LF -> {
                if (b != '\n') {
                    return fail("chunk data longer than its size");
                }
                startChunk();
            }
            case TRAILER -> {
                if (++lineBytes > MAX_TRAILER_BYTES) {
                    return fail("trailer section larger than " + MAX_TRAILER_BYTES / 1024 + " KiB");
                }
                if (!headEnd.process(b)) {
                    state = State.IDLE; // the blank line: the response is complete
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
        return true;
    }

    private void chunkSizeRead() {
        if (remaining == 0) {
            state = State.TRAILER;
            lineBytes = 0;
            headEnd.reset();
        } else {
            state = State.CHUNK_DATA;
        }
    }

    private void startChunk() {
        state = State.CHUNK_SIZE;
        remaining = 0;
        chunkDigits = 0;
        lineBytes = 0;
    }

    private void data(ByteBuf in, int n) {
        if (n > 0) {
            listener.onData(in.slice(in.readerIndex(), n));
            in.skipBytes(n);
        }
    }

    /** Hands on the body bytes from {@code raw} to the read position; returns -1 (nothing pending). */
    private int body(ByteBuf in, int raw) {
        if (raw >= 0 && in.readerIndex() > raw) {
            listener.onBody(in.retainedSlice(raw, in.readerIndex() - raw));
        }
        return -1;
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

    private boolean fail(String reason) {
        releasePartial();
        state = State.FAILED;
        listener.onError(reason);
        return false;
    }

    private void awaitHead() {
        state = State.HEAD;
        remaining = 0;
        headEnd.reset();
    }

    private void releasePartial() {
        if (partialHead != null) {
            partialHead.release();
            partialHead = null;
        }
    }

    /** Finds the LF of the blank line that ends a head (or a trailer section); CRs do not count. */
    private static final class HeadEnd implements ByteProcessor {
        private int lineLength;

        void reset() {
            lineLength = 0;
        }

        @Override
        public boolean process(byte b) {
            if (b == '\n') {
                if (lineLength == 0) {
                    return false;
                }
                lineLength = 0;
            } else if (b != '\r') {
                lineLength++;
            }
            return true;
        }
    }
}
