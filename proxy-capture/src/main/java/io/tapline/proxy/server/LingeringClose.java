package io.tapline.proxy.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;

import java.util.concurrent.TimeUnit;

/**
 * Closes a client connection after an answer sent before the request was read in full (a rejected head, no route,
 * an upstream failure mid-upload) the way nginx's lingering close does. Closing a socket with unread input makes the
 * kernel send a reset instead of a FIN, and a reset can destroy the answer still in flight: the client reads
 * "connection reset" instead of the 431. So the write side is shut down after the answer (the client sees the end
 * of the response), what the client still sends is read and discarded, and the connection closes when the client
 * closes its side or after {@link #LINGER_MS} at most.
 */
final class LingeringClose implements ChannelFutureListener {
    static final long LINGER_MS = 2_000;
    static final LingeringClose INSTANCE = new LingeringClose();

    private LingeringClose() {
    }

    /** Adds the lingering close to the future of the answer's write. */
    static void after(ChannelFuture answerWritten) {
        answerWritten.addListener(INSTANCE);
    }

    @Override
    public void operationComplete(ChannelFuture f) {
        Channel ch = f.channel();
        if (!f.isSuccess() || !ch.isActive() || !(ch instanceof DuplexChannel duplex)) {
            ch.close();
            return;
        }
        SslHandler tls = ch.pipeline().get(SslHandler.class);
        if (tls != null) {
            // close_notify first: after the TCP write side is shut, TLS could not end the session properly.
            tls.closeOutbound().addListener(done -> shutdownOutput(ch, duplex));
        } else {
            shutdownOutput(ch, duplex);
        }
    }

    private static void shutdownOutput(Channel ch, DuplexChannel duplex) {
        if (!ch.isActive()) {
            return;
        }
        duplex.shutdownOutput().addListener(done -> {
            if (!done.isSuccess()) {
                ch.close();
                return;
            }
            ch.config().setAutoRead(true); // discard what the client still sends; its close (EOF) closes us
            ch.eventLoop().schedule(() -> {
                ch.close();
            }, LINGER_MS, TimeUnit.MILLISECONDS);
        });
    }
}
