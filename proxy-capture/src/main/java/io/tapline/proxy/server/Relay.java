package io.tapline.proxy.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;

/**
 * Turns a client connection and its upstream connection into a byte tunnel after a successful upgrade
 * (WebSocket): the HTTP codecs and handlers leave both pipelines and bytes flow both ways with backpressure, unrecorded.
 */
final class Relay extends ChannelInboundHandlerAdapter {
    private final Channel other;

    private Relay(Channel other) {
        this.other = other;
    }

    static void splice(Channel client, Channel backend) {
        // The frontend last: bytes it still holds (sent after the upgrade request) flow on to the relay.
        rewire(client.pipeline(), backend, "head-timeout", "idle", ProxyInitializer.ENCODER, ProxyInitializer.FRONTEND);
        rewire(backend.pipeline(), client, "backend", "idle");
        client.config().setAutoRead(true);
        backend.config().setAutoRead(true);
        client.read();
    }

    private static void rewire(ChannelPipeline p, Channel other, String... handlers) {
        p.addLast("relay", new Relay(other));
        for (String name : handlers) {
            removeIfPresent(p, name);
        }
    }

    private static void removeIfPresent(ChannelPipeline p, String name) {
        ChannelHandler h = p.get(name);
        if (h != null) {
            p.remove(name);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        other.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                ctx.close();
            }
        });
        if (!other.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            other.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        other.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
