package io.tapline.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Slowloris guard: once the first byte of a request head arrives, the whole head must follow within a time
 * limit, or a {@link HeadTimeout} event reaches the frontend (which answers 408). Sits before the HTTP codec,
 * which would otherwise wait for a dribbling head forever.
 */
final class HeadTimeoutHandler extends ChannelInboundHandlerAdapter {
    /** Fired down the pipeline when a request head did not complete in time. */
    static final class HeadTimeout {
        static final HeadTimeout INSTANCE = new HeadTimeout();
    }

    private final long timeoutMs;
    private boolean awaitingHead = true;
    private boolean headStarted;
    private DeadlineTimer<ChannelHandlerContext> deadline;

    HeadTimeoutHandler(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    /** The frontend received a complete head: stop the clock. */
    void headArrived() {
        awaitingHead = false;
        headStarted = false;
        if (deadline != null) {
            deadline.clear();
        }
    }

    /** The exchange is over: the next bytes begin a new head. */
    void awaitHead() {
        awaitingHead = true;
    }

    /** This channel's guard, or null when it has none. */
    static HeadTimeoutHandler of(Channel ch) {
        return ch.pipeline().get(HeadTimeoutHandler.class);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline = new DeadlineTimer<>(ctx.executor(), c -> {
            if (awaitingHead) {
                c.fireUserEventTriggered(HeadTimeout.INSTANCE);
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (awaitingHead && !headStarted && msg instanceof ByteBuf b && b.isReadable()) {
            headStarted = true;
            deadline.set(ctx, timeoutMs);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        deadline.stop();
        super.channelInactive(ctx);
    }
}
