package io.tapline.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The head of a request or a response that may arrive over several reads, for {@link RequestFramer} and
 * {@link ResponseFramer}: its first parts are kept here until the read that holds its end, then the whole head is
 * parsed from one range of bytes. A head that arrives in one read (the common case) is parsed where it stands and
 * copied nowhere. One per side of a connection; not thread-safe.
 */
final class PartialHead {

    /** Parses a complete head from {@code buf[from, to)}. */
    interface Parser<T, E extends Exception> {
        T parse(ByteBuf buf, int from, int to) throws E;
    }

    private final ByteBufAllocator alloc;
    private ByteBuf held;

    PartialHead(ByteBufAllocator alloc) {
        this.alloc = alloc;
    }

    /** True when no part of a head is kept: the next byte read starts one. */
    boolean isEmpty() {
        return held == null;
    }

    /** Bytes of the head kept so far. */
    int size() {
        return held == null ? 0 : held.readableBytes();
    }

    /** Keeps the next {@code n} bytes of {@code in}: the head goes on in a later read. */
    void keep(ByteBuf in, int n) {
        if (held == null) {
            held = alloc.heapBuffer(Math.max(n, 512));
        }
        held.writeBytes(in, n);
    }

    /**
     * Parses the head whose last {@code n} bytes are the next of {@code in}. A head read whole is parsed in
     * {@code in}, which moves past it only when it parses; one kept in parts is parsed here and the parts are
     * freed whether it parses or not.
     */
    <T, E extends Exception> T complete(ByteBuf in, int n, Parser<T, E> parser) throws E {
        if (held == null) {
            int from = in.readerIndex();
            T head = parser.parse(in, from, from + n);
            in.skipBytes(n);
            return head;
        }
        held.writeBytes(in, n);
        try {
            return parser.parse(held, held.readerIndex(), held.writerIndex());
        } finally {
            release();
        }
    }

    /** Frees the kept parts, if any. */
    void release() {
        if (held != null) {
            held.release();
            held = null;
        }
    }
}
