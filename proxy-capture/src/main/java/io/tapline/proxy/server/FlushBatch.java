package io.tapline.proxy.server;

import io.netty.channel.Channel;

/**
 * The upstream connection with writes not flushed yet, for one client connection: flushed once per read from the
 * client (at channelReadComplete), not once per message, so that a request's head and its last content go out in
 * one write. Used on the client connection's event loop only.
 */
final class FlushBatch {
    private Channel unflushed;

    /** {@code backend} has writes to flush at the end of this read. */
    void later(Channel backend) {
        if (unflushed != null && unflushed != backend) {
            unflushed.flush(); // another exchange's connection (pipelined requests replayed): never left behind
        }
        unflushed = backend;
    }

    /** Flushes what this read wrote. */
    void flush() {
        Channel ch = unflushed;
        if (ch != null) {
            unflushed = null;
            ch.flush();
        }
    }
}
