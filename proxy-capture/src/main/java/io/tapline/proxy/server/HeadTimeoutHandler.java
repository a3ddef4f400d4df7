package io.tapline.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

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
    private ScheduledFuture<?> timer;

    HeadTimeoutHandler(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    /** The frontend received a complete head: stop the clock. */
    static void headArrived(Channel ch) {
        HeadTimeoutHandler h = ch.pipeline().get(HeadTimeoutHandler.class);
        if (h != null) {
            h.awaitingHead = false;
            h.cancel();
        }
    }

    /** The exchange is over: the next bytes begin a new head. */
    static void awaitHead(Channel ch) {
        HeadTimeoutHandler h = ch.pipeline().get(HeadTimeoutHandler.class);
        if (h != null) {
            h.awaitingHead = true;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (awaitingHead && timer == null && msg instanceof ByteBuf b && b.isReadable()) {
            timer = ctx.executor().schedule(() -> {
                timer = null;
                if (awaitingHead) {
                    ctx.fireUserEventTriggered(HeadTimeout.INSTANCE);
                }
            }, timeoutMs, TimeUnit.MILLISECONDS);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
