package io.tapline.proxy.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.ssl.SniCompletionEvent;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.netty.util.Mapping;
import io.tapline.proxy.capture.EventAction;
import io.tapline.schema.Level;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of a client connection: TLS with SNI (when configured), idle and slowloris guards, the HTTP
 * codec with size limits, and the frontend handler.
 */
final class ProxyInitializer extends ChannelInitializer<SocketChannel> {
    /** The SNI host name a TLS client asked for; it selects the route. */
    static final AttributeKey<String> SNI_HOST = AttributeKey.valueOf("tapline.sni");
    static final int MAX_INITIAL_LINE = 8 * 1024;
    static final int MAX_HEADER_SIZE = 32 * 1024;
    static final int MAX_CHUNK = 64 * 1024;
    static final String DECODER = "http-decoder";
    static final String ENCODER = "http-encoder";

    private final ProxyContext ctx;
    private final Mapping<String, SslContext> tls;

    ProxyInitializer(ProxyContext ctx, Mapping<String, SslContext> tls) {
        this.ctx = ctx;
        this.tls = tls;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ctx.metrics().openConnections.incrementAndGet();
        ch.closeFuture().addListener(f -> ctx.metrics().openConnections.decrementAndGet());
        ChannelPipeline p = ch.pipeline();
        if (tls != null) {
            p.addLast("sni", new SniHandler(tls));
            p.addLast("tls-events", new TlsEvents());
        }
        p.addLast("idle", new IdleStateHandler(ctx.idleTimeoutMs(), 0, 0, TimeUnit.MILLISECONDS));
        p.addLast("head-timeout", new HeadTimeoutHandler(ctx.headTimeoutMs()));
        // Encoder before decoder: relayed responses are written from the encoder's context, past it (see
        // BackendHandler); only the proxy's own answers are encoded.
        p.addLast(ENCODER, new ErrorEncoder());
        p.addLast(DECODER, new HttpRequestDecoder(MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_CHUNK));
        p.addLast("frontend", new FrontendHandler(ctx));
    }

    /**
     * Encodes the proxy's own answers (errors). It knows whether the request being answered is a HEAD, which gets
     * the head without the body, as {@code HttpServerCodec} did by queueing every request's method.
     */
    static final class ErrorEncoder extends HttpResponseEncoder {
        private boolean answeringHead;

        void answering(HttpMethod method) {
            answeringHead = HttpMethod.HEAD.equals(method);
        }

        @Override
        protected boolean isContentAlwaysEmpty(HttpResponse msg) {
            return answeringHead || super.isContentAlwaysEmpty(msg);
        }
    }

    /** Remembers the SNI host and records failed handshakes as events. */
    private final class TlsEvents extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext c, Object evt) throws Exception {
            if (evt instanceof SniCompletionEvent sni && sni.isSuccess() && sni.hostname() != null) {
                c.channel().attr(SNI_HOST).set(sni.hostname().toLowerCase(java.util.Locale.ROOT));
            } else if (evt instanceof SslHandshakeCompletionEvent hs && !hs.isSuccess()) {
                InetSocketAddress peer = (InetSocketAddress) c.channel().remoteAddress();
                ctx.emit(ctx.records().event(null, null, EventAction.TLS_HANDSHAKE_FAILURE, Level.WARN,
                        "TLS handshake with " + peer.getAddress().getHostAddress() + " failed: "
                                + ErrorResponses.oneLine(hs.cause()), null));
                c.close();
                return;
            }
            super.userEventTriggered(c, evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
            c.close(); // handshake errors arrive as events too; nothing else to do here
        }
    }
}
