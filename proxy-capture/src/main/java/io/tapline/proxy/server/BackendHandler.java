package io.tapline.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.timeout.IdleStateEvent;
import io.tapline.proxy.capture.BodyCapture;
import io.tapline.proxy.capture.EventAction;
import io.tapline.schema.Level;

import java.nio.charset.StandardCharsets;

/**
 * The upstream side of one exchange at a time: relays the response to the client with backpressure, records
 * it, and returns the connection to the pool when both sides allow keep-alive. The response is relayed as the bytes
 * it came in: {@link ResponseFramer} reads and rewrites its head and follows its body's framing, so no HTTP objects
 * are decoded and encoded again on the way.
 */
final class BackendHandler extends ChannelInboundHandlerAdapter implements ResponseFramer.Listener {
    private static final short CRLF = 0x0d0a;
    private static final byte[] CONNECTION_KEEP_ALIVE = ascii("connection: keep-alive\r\n\r\n");
    private static final byte[] CONNECTION_CLOSE = ascii("connection: close\r\n\r\n");
    private static final byte[] CONNECTION_UPGRADE = ascii("connection: upgrade\r\n\r\n");

    private final ProxyContext ctx;
    private final Channel backend;
    private final ResponseFramer framer;
    // A pooled upstream connection serves one client connection after another: these follow the exchange.
    private FrontendHandler frontend;
    private Channel client;
    /** The client's HTTP encoder: relayed bytes are written from there, past it. */
    private ChannelHandlerContext clientOut;
    private Exchange ex;
    private boolean upstreamKeepAlive;
    private boolean clientUnflushed;
    /** A 101 went to the client: bytes go through unframed until the relay takes over. */
    private boolean tunnel;

    private BackendHandler(ProxyContext ctx, Channel backend) {
        this.ctx = ctx;
        this.backend = backend;
        this.framer = new ResponseFramer(this, backend.alloc());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
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
                h = new BackendHandler(ctx, backend);
                backend.pipeline().addLast("backend", h);
            }
            // Re-targeted in place: removing and adding a handler per request costs more than the rest of it.
            if (h.frontend != frontend) {
                h.frontend = frontend;
                h.client = frontend.channel();
                h.clientOut = h.client.pipeline().context(ProxyInitializer.ENCODER);
            }
            h.ex = ex;
            h.upstreamKeepAlive = false;
            h.framer.expect("HEAD".equals(ex.info.method()), ex.upgradeRequested,
                    ex.capture && ex.route.capture().responseBody());
            backend.config().setAutoRead(true);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext c, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            if (tunnel) {
                writeToClient(in.retain()); // an upgrade's first bytes, before the relay takes over
                return;
            }
            Exchange e = ex;
            if (e == null || e.done) {
                if (e == null) {
                    c.close(); // an idle pooled connection got unsolicited bytes: it is no longer trustworthy
                }
                return;
            }
            framer.feed(in);
        } finally {
            in.release();
        }
    }

    @Override
    public void onHead(ResponseHead head) {
        Exchange e = ex;
        e.cancelResponseTimeout();
        ByteBuf bytes = head.bytes();
        if (head.informational()) {
            e.informational = true; // e.g. 100 Continue: relayed, then the real response follows
            writeToClient(bytes.writeShort(CRLF));
            return;
        }
        int code = head.status();
        e.responseStarted = true;
        e.status = code;
        if (e.requestSentNanos > 0) {
            ctx.metrics().observeUpstreamLatency(System.nanoTime() - e.requestSentNanos);
        }
        upstreamKeepAlive = head.keepAlive();
        e.upgraded = head.framing() == ResponseHead.Framing.TUNNEL;
        e.responseBody = e.capture && e.route.capture().responseBody()
                ? BodyCapture.of(true, e.route.capture().maxBodyBytes(), head.contentType(), head.contentEncoding())
                : BodyCapture.counting();
        if (head.framing() == ResponseHead.Framing.CLOSE) {
            e.closeClientAfterResponse = true; // the body ends when the upstream closes: so must ours
        }
        if (e.upgraded) {
            bytes.writeBytes(CONNECTION_UPGRADE);
        } else {
            boolean keep = e.clientKeepAlive && !e.closeClientAfterResponse;
            bytes.writeBytes(keep ? CONNECTION_KEEP_ALIVE : CONNECTION_CLOSE);
        }
        writeToClient(bytes);
        if (e.upgraded) {
            upgraded(e);
        }
    }

    @Override
    public void onData(ByteBuf data) {
        ex.responseBody.add(data);
    }

    @Override
    public void onBody(ByteBuf raw) {
        writeToClient(raw);
        if (!client.isWritable()) {
            // Pause first, then flush: a flush that drains at once re-enables reads from its writability event.
            backend.config().setAutoRead(false);
            flushClient();
        }
    }

    @Override
    public void onEnd(boolean reusable) {
        Exchange e = ex;
        if (!e.responseStarted) {
            e.informational = false; // a 1xx ended: the final response follows
            return;
        }
        e.done = true;
        // A failed write reaches the frontend's exceptionCaught, which closes the client connection.
        flushClient();
        recordResponse(e);
        ex = null;
        if (upstreamKeepAlive && reusable && e.requestComplete) {
            backend.config().setAutoRead(true); // a pooled connection must notice its upstream closing
            ctx.pool().release(e.upstream, backend);
        } else {
            backend.close();
        }
        frontend.exchangeFinished(e);
    }

    @Override
    public void onError(String reason) {
        Exchange e = ex;
        String message = "upstream " + UpstreamPool.key(e.upstream) + " sent a response that cannot be relayed: "
                + reason;
        if (!e.responseStarted) {
            frontend.upstreamFailed(e, EventAction.UPSTREAM_BAD_RESPONSE, HttpResponseStatus.BAD_GATEWAY, message);
            return;
        }
        // The head is already with the client: it can only be told by closing the connection.
        ex = null;
        backend.close();
        abortMidResponse(e, EventAction.UPSTREAM_BAD_RESPONSE, message);
    }

    /** The 101 head is on its way: the relay takes both connections over once it is written. */
    private void upgraded(Exchange e) {
        e.done = true;
        tunnel = true;
        Channel b = backend;
        Channel cl = client;
        cl.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                Relay.splice(cl, b);
            } else {
                b.close();
            }
        });
        clientUnflushed = false;
        recordResponse(e);
        frontend.exchangeUpgraded(e);
    }

    /**
     * Writes relayed bytes to the client past its HTTP encoder, which only the proxy's own error answers go through.
     */
    private void writeToClient(ByteBuf bytes) {
        ChannelHandlerContext out = clientOut;
        if (out != null && !out.isRemoved()) {
            out.write(bytes, client.voidPromise());
        } else {
            client.write(bytes, client.voidPromise());
        }
        clientUnflushed = true;
    }

    private void flushClient() {
        if (clientUnflushed) {
            clientUnflushed = false;
            client.flush();
        }
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
        flushClient();
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
        if (tunnel) {
            // closed before the relay took over: the client follows once what was relayed is written
            client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        Exchange e = ex;
        if (e != null && !e.done && framer.closed()) {
            return; // the close ended a body delimited by it: a complete response (onEnd ran)
        }
        framer.release();
        ex = null;
        if (e == null || e.done) {
            return;
        }
        if (!e.responseStarted) {
            frontend.upstreamFailed(e, EventAction.UPSTREAM_RESET, HttpResponseStatus.BAD_GATEWAY,
                    "upstream " + UpstreamPool.key(e.upstream) + " closed the connection before answering");
            return;
        }
        abortMidResponse(e, EventAction.UPSTREAM_RESET, "upstream " + UpstreamPool.key(e.upstream)
                + " closed the connection mid-response after " + e.responseBody.totalBytes() + " bytes");
    }

    /** Cut mid-response: the client cannot be told with a status any more, only by closing. */
    private void abortMidResponse(Exchange e, String action, String message) {
        e.done = true;
        ctx.metrics().errors.increment();
        recordResponse(e);
        ctx.emit(ctx.records().event(e.route, e.info, action, Level.ERROR, message, e.status));
        clientUnflushed = false;
        client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
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
