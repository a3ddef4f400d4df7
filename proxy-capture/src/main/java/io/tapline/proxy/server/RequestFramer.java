package io.tapline.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Finds where client requests begin and end in the bytes of a client connection, so that the proxy can relay them as
 * they came instead of decoding them into HTTP objects and encoding them again: the head is read by
 * {@link RequestHeadParser} (and rewritten by {@link ForwardedHeaders}); the body is handed on as slices of the
 * buffers it arrived in, chunk framing and trailers included, while {@link BodyFramer} follows Content-Length or the
 * chunked coding to know where the request ends. Reads one request at a time: once a request is complete it stops
 * and leaves what follows (a pipelined request) unread until {@link #next()}. Holds at most the head size limits of
 * a head split across reads and never any body. One per client connection, used on its event loop.
 */
final class RequestFramer {
    /** The most bytes of an incomplete head held: the request line and header section limits, with line ends. */
    static final int MAX_HEAD_BYTES = RequestHeadParser.MAX_REQUEST_LINE + RequestHeadParser.MAX_HEADER_BYTES + 4;

    /** What the framer finds, in the order it finds it. */
    interface Listener extends BodyFramer.Data {
        /** A request head: the parser's, valid during the call only. */
        void onHead(RequestHead head);

        /** Body bytes as they came (chunk framing included) to forward; the listener owns the slice. */
        void onBody(ByteBuf raw);

        /** The request is complete; the framer reads nothing more until {@link #next()}. */
        void onEnd();

        /** The bytes are not a request that can be relayed; the framer reads nothing more. */
        void onError(BadRequest reason);
    }

    private enum State { HEAD, BODY, ENDED, FAILED }

    private final Listener listener;
    private final RequestHeadParser parser = new RequestHeadParser();
    private final BodyFramer body = new BodyFramer();
    private final BodyFramer.HeadEnd headEnd = new BodyFramer.HeadEnd();
    private State state = State.HEAD;
    /** The start of a head that did not arrive in one read. */
    private final PartialHead partialHead;
    /** Whether the request line of the head being gathered has ended (for 414 against 431). */
    private boolean lineSeen;

    RequestFramer(Listener listener, ByteBufAllocator alloc) {
        this.listener = listener;
        this.partialHead = new PartialHead(alloc);
    }

    /**
     * Reads {@code in} (not released here: the caller does) as far as the current request goes, calling the
     * listener for everything it completes. Bytes after a complete request stay unread in {@code in}.
     */
    void feed(ByteBuf in) {
        while (in.isReadable()) {
            switch (state) {
                case ENDED, FAILED -> {
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
                    if (in.readerIndex() > raw) {
                        listener.onBody(in.retainedSlice(raw, in.readerIndex() - raw));
                    }
                    if (body.failed()) {
                        fail(BadRequest.malformed("malformed request body: " + body.error()));
                        return;
                    }
                    if (done) {
                        end();
                    }
                }
            }
        }
    }

    /** Whether the framer is between requests and waits for {@link #next()}. */
    boolean ended() {
        return state == State.ENDED;
    }

    /** Whether the framer found bytes it cannot relay and reads no more. */
    boolean failed() {
        return state == State.FAILED;
    }

    /** The current request's response is done: the next bytes begin a new request. */
    void next() {
        if (state == State.ENDED) {
            awaitHead();
        }
    }

    /** The connection is gone: frees a partial head. */
    void release() {
        partialHead.release();
        state = State.FAILED;
    }

    private boolean readHead(ByteBuf in) {
        if (partialHead.isEmpty()) {
            // Empty lines before a request line are ignored (RFC 9112, 2.2): some clients send a CRLF after a body.
            while (in.isReadable()) {
                byte b = in.getByte(in.readerIndex());
                if (b != '\r' && b != '\n') {
                    break;
                }
                in.skipBytes(1);
            }
            if (!in.isReadable()) {
                return false;
            }
        }
        int from = in.readerIndex();
        int held = partialHead.size();
        int lf = in.forEachByte(from, in.readableBytes(), headEnd);
        int taken = lf < 0 ? in.readableBytes() : lf + 1 - from;
        if (!lineSeen) {
            int firstLf = in.indexOf(from, from + taken, (byte) '\n');
            lineSeen = firstLf >= 0;
            if (held + (lineSeen ? firstLf - from : taken) > RequestHeadParser.MAX_REQUEST_LINE + 1) {
                fail(BadRequest.lineTooLong(RequestHeadParser.MAX_REQUEST_LINE));
                return false;
            }
        }
        if (held + taken > MAX_HEAD_BYTES) {
            fail(BadRequest.headersTooLarge(RequestHeadParser.MAX_HEADER_BYTES));
            return false;
        }
        if (lf < 0) {
            partialHead.keep(in, taken);
            return false;
        }
        RequestHead head;
        try {
            head = partialHead.complete(in, taken, parser::parse);
        } catch (BadRequest e) {
            fail(e);
            return false;
        }
        switch (head.framing) {
            case LENGTH -> {
                state = State.BODY;
                body.length(head.contentLength);
            }
            case CHUNKED -> {
                state = State.BODY;
                body.chunked();
            }
            case NONE -> state = State.ENDED;
        }
        listener.onHead(head);
        if (head.framing == RequestHead.Framing.NONE && state == State.ENDED) {
            listener.onEnd();
        }
        return state != State.FAILED;
    }

    private void end() {
        state = State.ENDED; // before the listener runs: it may call next() at once
        listener.onEnd();
    }

    private void fail(BadRequest reason) {
        partialHead.release();
        state = State.FAILED;
        listener.onError(reason);
    }

    private void awaitHead() {
        state = State.HEAD;
        lineSeen = false;
        headEnd.reset();
    }

}
