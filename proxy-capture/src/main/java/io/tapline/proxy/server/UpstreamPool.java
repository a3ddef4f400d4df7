package io.tapline.proxy.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.FastThreadLocal;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Keep-alive connections to upstreams, pooled per event loop so that a client connection and its upstream
 * connection always share one thread and need no locks.
 */
final class UpstreamPool {
    static final int MAX_IDLE_PER_UPSTREAM = 64;
    static final int IDLE_SECONDS = 60;

    private final ProxyMetrics metrics;
    private final ProxyTransport transport;
    // Keyed by the route's upstream URI: its hash is cached and the same instance comes back for every request,
    // so a lookup costs no string building (equal URIs after a reload still find the same connections).
    private final FastThreadLocal<Map<URI, ArrayDeque<Channel>>> idle = new FastThreadLocal<>() {
        @Override
        protected Map<URI, ArrayDeque<Channel>> initialValue() {
            return new HashMap<>();
        }
    };

    UpstreamPool(ProxyMetrics metrics, ProxyTransport transport) {
        this.metrics = metrics;
        this.transport = transport;
    }

    /** The upstream as {@code host:port}, for messages. */
    static String key(URI upstream) {
        return upstream.getHost() + ":" + port(upstream);
    }

    static int port(URI upstream) {
        return upstream.getPort() > 0 ? upstream.getPort() : 80;
    }

    /** An idle connection to {@code upstream} from this event loop's pool, or null. Call on the event loop. */
    Channel pollIdle(URI upstream) {
        ArrayDeque<Channel> q = idle.get().get(upstream);
        if (q == null) {
            return null;
        }
        Channel ch;
        while ((ch = q.pollLast()) != null) {
            if (ch.isActive()) {
                return ch;
            }
        }
        return null;
    }

    /** Opens a new connection on {@code loop}; the backend handler is added by the caller. */
    ChannelFuture connect(EventLoop loop, URI upstream, int connectTimeoutMs) {
        Bootstrap b = new Bootstrap().group(loop).channel(transport.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMs)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.AUTO_READ, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // Reader idle, not all idle: the latter adds a listener to every write. A pooled
                        // connection neither reads nor writes; during an exchange the event is ignored.
                        ch.pipeline().addLast("idle", new IdleStateHandler(IDLE_SECONDS, 0, 0, TimeUnit.SECONDS));
                        // No codec: requests go out as the bytes the frontend relays, responses arrive as bytes
                        // that the backend handler frames itself.
                    }
                });
        ChannelFuture f = b.connect(upstream.getHost(), port(upstream));
        f.addListener(done -> {
            if (done.isSuccess()) {
                metrics.openUpstreamConnections.incrementAndGet();
                f.channel().closeFuture().addListener(c -> metrics.openUpstreamConnections.decrementAndGet());
            }
        });
        return f;
    }

    /** Returns a connection whose exchange ended cleanly; closes it when the pool is full. */
    void release(URI upstream, Channel ch) {
        if (!ch.isActive()) {
            return;
        }
        ArrayDeque<Channel> q = idle.get().computeIfAbsent(upstream, k -> new ArrayDeque<>());
        if (q.size() >= MAX_IDLE_PER_UPSTREAM) {
            ch.close();
            return;
        }
        q.addLast(ch);
    }
}
