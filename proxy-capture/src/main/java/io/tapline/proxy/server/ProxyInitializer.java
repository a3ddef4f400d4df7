package io.tapline.proxy.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
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
 * The pipeline of a client connection: TLS with SNI (when configured), idle and slowloris guards, the encoder of
 * the proxy's own answers, and the frontend handler, which reads requests from the bytes themselves.
 */
final class ProxyInitializer extends ChannelInitializer<SocketChannel> {
    /** The SNI host name a TLS client asked for; it selects the route. */
    static final AttributeKey<String> SNI_HOST = AttributeKey.valueOf("tapline.sni");
    static final String ENCODER = "http-encoder";
    static final String FRONTEND = "frontend";

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
        // Relayed responses are written from the encoder's context, past it (see BackendHandler); only the proxy's
        // own answers are encoded.
        p.addLast(ENCODER, new ErrorEncoder());
        p.addLast(FRONTEND, new FrontendHandler(ctx));
    }

    /**
     * Encodes the proxy's own answers (errors). It knows whether the request being answered is a HEAD, which gets
     * the head without the body, as {@code HttpServerCodec} did by queueing every request's method.
     */
    static final class ErrorEncoder extends HttpResponseEncoder {
        private boolean answeringHead;

        /** The request being answered is a HEAD: the answer has no body. */
        void answering(boolean head) {
            answeringHead = head;
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
