package io.tapline.proxy.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.tapline.proxy.capture.BodyCapture;
import io.tapline.proxy.capture.EventAction;
import io.tapline.schema.Level;

/**
 * The upstream side of one exchange at a time: relays the response to the client with backpressure, records
 * it, and returns the connection to the pool when both sides allow keep-alive.
 */
final class BackendHandler extends ChannelInboundHandlerAdapter {
    private final ProxyContext ctx;
    // A pooled upstream connection serves one client connection after another: these follow the exchange.
    private FrontendHandler frontend;
    private Channel client;
    private Exchange ex;
    private boolean upstreamKeepAlive;

    private BackendHandler(ProxyContext ctx, FrontendHandler frontend, Channel client) {
        this.ctx = ctx;
        this.frontend = frontend;
        this.client = client;
    }

    /** Installs (or re-targets) the backend handler of an upstream connection for a new exchange. */
    static final class Factory {
        private final ProxyContext ctx;
        private final FrontendHandler frontend;

        Factory(ProxyContext ctx, FrontendHandler frontend) {
            this.ctx = ctx;
            this.frontend = frontend;
        }

        void install(Channel backend, Exchange ex) {
            BackendHandler h = backend.pipeline().get(BackendHandler.class);
            if (h == null) {
                h = new BackendHandler(ctx, frontend, frontend.channel());
                backend.pipeline().addLast("backend", h);
            } else {
                // Re-targeted in place: removing and adding a handler per request costs more than the rest of it.
                h.frontend = frontend;
                h.client = frontend.channel();
            }
            h.ex = ex;
            h.upstreamKeepAlive = false;
            backend.config().setAutoRead(true);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext c, Object msg) {
        Exchange e = ex;
        if (e == null || e.done) {
            ReferenceCountUtil.release(msg);
            if (e == null) {
                c.close(); // an idle pooled connection got unsolicited bytes: it is no longer trustworthy
            }
            return;
        }
        if (msg instanceof HttpResponse response) {
            onResponseHead(e, response);
        }
        if (msg instanceof HttpContent content) {
            onResponseContent(c, e, content);
        }
    }

    private void onResponseHead(Exchange e, HttpResponse response) {
        int code = response.status().code();
        e.cancelResponseTimeout();
        if (code >= 100 && code < 200 && code != 101) {
            e.informational = true; // e.g. 100 Continue: relayed, then the real response follows
            client.write(response);
            return;
        }
        e.responseStarted = true;
        e.status = code;
        if (e.requestSentNanos > 0) {
            ctx.metrics().observeUpstreamLatency(System.nanoTime() - e.requestSentNanos);
        }
        upstreamKeepAlive = HttpUtil.isKeepAlive(response);
        e.upgraded = code == 101 && e.upgradeRequested;
        e.responseBody = e.capture && e.route.capture().responseBody()
                ? BodyCapture.of(true, e.route.capture().maxBodyBytes(),
                response.headers().get(HttpHeaderNames.CONTENT_TYPE),
                response.headers().get(HttpHeaderNames.CONTENT_ENCODING))
                : BodyCapture.counting();
        ForwardedHeaders.forResponse(response.headers(), e.upgraded);
        boolean delimited = HttpUtil.isContentLengthSet(response) || HttpUtil.isTransferEncodingChunked(response)
                || code == 204 || code == 304 || e.upgraded;
        if (!delimited) {
            e.closeClientAfterResponse = true; // the body ends when the upstream closes: so must ours
        }
        if (!e.upgraded) {
            boolean keep = e.clientKeepAlive && !e.closeClientAfterResponse;
            response.headers().set(HttpHeaderNames.CONNECTION, keep ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        }
        client.write(response, client.voidPromise());
    }

    private void onResponseContent(ChannelHandlerContext c, Exchange e, HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (e.informational && !e.responseStarted) {
            if (last) {
                e.informational = false;
            }
            client.writeAndFlush(content);
            return;
        }
        e.responseBody.add(content.content());
        if (!last) {
            client.write(content, client.voidPromise());
            if (!client.isWritable()) {
                // Pause first, then flush: a flush that drains at once re-enables reads from its writability event.
                c.channel().config().setAutoRead(false);
                client.flush();
            }
            return;
        }
        e.done = true;
        Channel backend = c.channel();
        if (e.upgraded) {
            client.writeAndFlush(content).addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    Relay.splice(client, backend);
                }
            });
        } else {
            // A failed write reaches the frontend's exceptionCaught, which closes the client connection.
            client.writeAndFlush(content, client.voidPromise());
        }
        recordResponse(e);
        if (e.upgraded) {
            frontend.exchangeUpgraded(e);
            return;
        }
        ex = null;
        if (upstreamKeepAlive && e.requestComplete) {
            ctx.pool().release(e.upstream, backend);
        } else {
            backend.close();
        }
        frontend.exchangeFinished(e);
    }

    private void recordResponse(Exchange e) {
        ctx.metrics().response(e.status);
        if (e.capture) {
            ctx.emit(ctx.records().response(e.route, e.info, e.status, e.responseBody.totalBytes(), e.durationMs(),
                    e.responseBody.toBody(e.snapshot.redactor()::text)));
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext c) {
        if (ex != null) {
            client.flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext c) {
        Exchange e = ex;
        if (e != null && c.channel().isWritable()) {
            frontend.backendWritable(e);
        }
        c.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext c) {
        Exchange e = ex;
        ex = null;
        if (e == null || e.done) {
            return;
        }
        if (!e.responseStarted) {
            frontend.upstreamFailed(e, EventAction.UPSTREAM_RESET, HttpResponseStatus.BAD_GATEWAY,
                    "upstream " + UpstreamPool.key(e.upstream) + " closed the connection before answering");
            return;
        }
        // Cut mid-response: the client cannot be told with a status any more, only by closing.
        e.done = true;
        ctx.metrics().errors.increment();
        recordResponse(e);
        ctx.emit(ctx.records().event(e.route, e.info, EventAction.UPSTREAM_RESET, Level.ERROR,
                "upstream " + UpstreamPool.key(e.upstream) + " closed the connection mid-response after "
                        + e.responseBody.totalBytes() + " bytes", e.status));
        client.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        frontend.exchangeAborted(e);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext c, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent && ex == null) {
            c.close(); // idle in the pool for too long
            return;
        }
        super.userEventTriggered(c, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
        c.close(); // channelInactive reports what the exchange lost
    }
}
