package io.tapline.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * Follows one message body's framing, Content-Length or the chunked coding (chunk extensions and trailers included),
 * over the bytes of a connection, so that the body can be relayed as it came while the proxy still knows where the
 * message ends. Shared by the request side ({@link RequestFramer}) and the response side ({@link ResponseFramer}):
 * the bytes are never copied or held, only counted; the payload (chunk framing left out) is shown to a
 * {@link Data} sink for counting and capture.
 */
final class BodyFramer {
    static final int MAX_CHUNK_LINE = 4 * 1024;
    static final int MAX_TRAILER_BYTES = 64 * 1024;

    /** Receives the body's payload as it is found: a view valid during the call only. */
    interface Data {
        void onData(ByteBuf data);
    }

    private enum State {
        LENGTH, CHUNK_SIZE, CHUNK_EXT, CHUNK_SIZE_LF, CHUNK_DATA, CHUNK_DATA_CR, CHUNK_DATA_LF, TRAILER, DONE, FAILED
    }

    private final HeadEnd trailerEnd = new HeadEnd();
    private State state = State.DONE;
    /** Body bytes still due: of the Content-Length, or of the current chunk. */
    private long remaining;
    private int chunkDigits;
    private int lineBytes;
    private String error;

    /** A body of exactly {@code length} (positive) bytes follows. */
    void length(long length) {
        state = State.LENGTH;
        remaining = length;
        error = null;
    }

    /** A chunked body follows. */
    void chunked() {
        error = null;
        startChunk();
    }

    /** The framing failed; {@link #error()} says why. */
    boolean failed() {
        return state == State.FAILED;
    }

    String error() {
        return error;
    }

    /**
     * Reads body bytes from {@code in}, advancing its reader index, until the body ends or {@code in} is exhausted.
     * Returns true when the body is complete: {@code in}'s reader index is then just past it. Returns false when
     * more bytes are due, or when the framing failed ({@link #failed()}).
     */
    boolean feed(ByteBuf in, Data sink) {
        while (in.isReadable()) {
            switch (state) {
                case LENGTH, CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, in.readableBytes());
                    if (n > 0) {
                        sink.onData(in.slice(in.readerIndex(), n));
                        in.skipBytes(n);
                    }
                    remaining -= n;
                    if (remaining == 0) {
                        if (state == State.LENGTH) {
                            state = State.DONE;
                            return true;
                        }
                        state = State.CHUNK_DATA_CR;
                    }
                }
                case DONE, FAILED -> {
                    return state == State.DONE;
                }
                default -> {
                    if (!chunkFraming(in.readByte())) {
                        return false;
                    }
                    if (state == State.DONE) {
                        return true; // the trailer section ended
                    }
                }
            }
        }
        return false;
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
                if (!trailerEnd.process(b)) {
                    state = State.DONE; // the blank line: the message is complete
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
            trailerEnd.reset();
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

    private boolean fail(String reason) {
        state = State.FAILED;
        error = reason;
        return false;
    }

    /** Finds the LF of the blank line that ends a head (or a trailer section); CRs do not count. */
    static final class HeadEnd implements ByteProcessor {
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
