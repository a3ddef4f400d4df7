package io.tapline.proxy.server;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.util.Locale;

/**
 * The socket transport the proxy's event loops run on. Native epoll makes fewer system calls and less garbage per
 * socket operation than Java NIO (no selector key sets, no per-call locks, edge-triggered readiness), and four
 * socket operations per proxied request make that a large part of the proxy's CPU. NIO runs wherever the native
 * library does not load (another OS or architecture), or when asked for.
 *
 * @param name           {@code epoll} or {@code nio}, for logs and the startup line
 * @param serverChannel  the listener's channel class
 * @param socketChannel  the upstream connections' channel class; it must match the event loops' transport
 */
public record ProxyTransport(String name, Class<? extends ServerChannel> serverChannel,
                             Class<? extends SocketChannel> socketChannel) {

    /** What the operator asked for ({@code TAPLINE_PROXY_TRANSPORT}). */
    public enum Choice {
        /** Epoll when its native library loads, NIO otherwise. */
        AUTO,
        /** Epoll or fail at start, naming why the library did not load. */
        EPOLL,
        /** Java NIO, even where epoll would run. */
        NIO;

        /** Parses {@code auto}, {@code epoll} or {@code nio} (any case); null for anything else. */
        public static Choice parse(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "auto" -> AUTO;
                case "epoll" -> EPOLL;
                case "nio" -> NIO;
                default -> null;
            };
        }
    }

    static final ProxyTransport NIO = new ProxyTransport("nio", NioServerSocketChannel.class, NioSocketChannel.class);
    static final ProxyTransport EPOLL = new ProxyTransport("epoll", EpollServerSocketChannel.class,
            EpollSocketChannel.class);

    /** The transport for {@code choice}; throws {@link ProxyStartException} if epoll is required but missing. */
    static ProxyTransport select(Choice choice) {
        return switch (choice) {
            case NIO -> NIO;
            case AUTO -> Epoll.isAvailable() ? EPOLL : NIO;
            case EPOLL -> {
                if (!Epoll.isAvailable()) {
                    throw new ProxyStartException("TAPLINE_PROXY_TRANSPORT=epoll, but native epoll is not available: "
                            + ErrorResponses.oneLine(Epoll.unavailabilityCause()), Epoll.unavailabilityCause());
                }
                yield EPOLL;
            }
        };
    }

    /** Why {@link Choice#AUTO} fell back to NIO, or null when it did not. */
    static String fallbackReason(Choice choice, ProxyTransport selected) {
        if (choice != Choice.AUTO || selected.socketChannel == EpollSocketChannel.class) {
            return null;
        }
        return ErrorResponses.oneLine(Epoll.unavailabilityCause());
    }

    EventLoopGroup newGroup(int threads) {
        return socketChannel == EpollSocketChannel.class ? new EpollEventLoopGroup(threads) : new NioEventLoopGroup(threads);
    }
}
