package io.tapline.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.tapline.proxy.capture.EventAction;
import io.tapline.schema.Level;

import java.net.InetSocketAddress;

/**
 * The client side of the proxy, one per client connection: routes each request, opens or reuses an upstream
 * connection, streams the request to it with backpressure, and records the exchange. The request is relayed as the
 * bytes it came in: {@link RequestFramer} reads its head (which {@link ForwardedHeaders} rewrites) and follows its
 * body's framing, so no HTTP objects are decoded and encoded again on the way. One exchange at a time; pipelined
 * requests wait their turn, as bytes.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter implements RequestFramer.Listener {
    /**
     * Bytes of pipelined requests held while an exchange is in progress before reads from the client pause. Reads
     * are not paused per request: turning them off and on costs two selector updates (epoll_ctl) per request, and a
     * client that does not pipeline sends nothing meanwhile anyway. A client closing its side meanwhile is a
     * client abort, as nginx treats it.
     */
    static final int MAX_HELD_BYTES = 64 * 1024;

    private final ProxyContext ctx;
    private final BackendHandler.Factory backends;
    private RequestFramer framer;
    /** Bytes after the current request (pipelined requests, or an upgrade's first bytes), not read yet. */
    private ByteBuf held;
    private ChannelHandlerContext self;
    private Channel client;
    private HeadTimeoutHandler headTimeout;
    private ProxyInitializer.ErrorEncoder errorEncoder;
    private DeadlineTimer<Exchange> responseDeadline;
    private ExchangeFactory exchanges;
    private Exchange current;
    private boolean closing;
    /** The connection became a tunnel: bytes are held for the relay, which takes them when this handler leaves. */
    private boolean upgrading;
    private final FlushBatch flushes = new FlushBatch();

    FrontendHandler(ProxyContext ctx) {
        this.ctx = ctx;
        this.backends = new BackendHandler.Factory(ctx, this);
    }

    @Override
    public void channelActive(ChannelHandlerContext c) throws Exception {
        self = c;
        client = c.channel();
        framer = new RequestFramer(this, c.alloc());
        exchanges = new ExchangeFactory(ctx, client);
        headTimeout = HeadTimeoutHandler.of(client);
        errorEncoder = client.pipeline().get(ProxyInitializer.ErrorEncoder.class);
        responseDeadline = new DeadlineTimer<>(c.executor(), this::responseDue);
        super.channelActive(c);
    }

    @Override
    public void channelRead(ChannelHandlerContext c, Object msg) {
        if (!(msg instanceof ByteBuf in) || closing && !upgrading) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (held != null || upgrading) {
            hold(in); // behind bytes that wait already: their order is kept
            return;
        }
        try {
            framer.feed(in);
            if (in.isReadable() && (framer.ended() || upgrading) && (!closing || upgrading)) {
                hold(in.retain()); // a pipelined request: read once the current exchange is over
            }
        } finally {
            in.release();
        }
    }

    /** Keeps {@code in}'s unread bytes (a copy) after what is held already, and releases {@code in}. */
    private void hold(ByteBuf in) {
        try {
            if (held == null) {
                held = client.alloc().heapBuffer(Math.max(in.readableBytes(), 256));
            }
            held.writeBytes(in);
        } finally {
            in.release();
        }
        if (held.readableBytes() >= MAX_HELD_BYTES) {
            client.config().setAutoRead(false); // bounded: the client waits for the responses
        }
    }

    @Override
    public void onHead(RequestHead head) {
        if (headTimeout != null) {
            headTimeout.headArrived();
        }
        ctx.metrics().requests.increment();
        errorEncoder.answering("HEAD".equals(head.method));
        ExchangeFactory.Start start = exchanges.open(head);
        Exchange ex = start.exchange();
        if (ex == null) {
            ctx.emit(ctx.records().event(null, start.info(), EventAction.NO_ROUTE, Level.WARN, "no route for host "
                    + RequestTarget.bounded(start.host()) + " and path " + RequestTarget.bounded(start.path()), 404));
            ctx.metrics().response(404);
            closing = true; // the body, if any, is not worth reading
            framer.release();
            ErrorResponses.send(self, HttpResponseStatus.NOT_FOUND, "No route for this host and path", false);
            return;
        }
        current = ex;
        Channel idle = ctx.pool().pollIdle(ex.upstream);
        if (idle != null) {
            attach(ex, idle, false); // flushed at the end of this read, with the request's body
            return;
        }
        // Hold client reads while connecting: body bytes of this read queue in the exchange, no more arrive.
        client.config().setAutoRead(false);
        ChannelFuture connect = ctx.pool().connect(client.eventLoop(), ex.upstream, ex.route.timeouts().connectMs());
        connect.addListener((ChannelFutureListener) f -> {
            if (current != ex || ex.done) {
                f.channel().close();
                return;
            }
            if (!f.isSuccess()) {
                ex.releasePending();
                upstreamFailed(ex, EventAction.UPSTREAM_CONNECT_FAILURE, HttpResponseStatus.BAD_GATEWAY,
                        "cannot connect to upstream " + UpstreamPool.key(ex.upstream) + ": " + ErrorResponses.oneLine(f.cause()));
                return;
            }
            attach(ex, f.channel(), true);
            if (f.channel().isWritable() && (!ex.requestComplete || held == null)) {
                client.config().setAutoRead(true);
            }
        });
    }

    /**
     * Binds the exchange to an upstream connection and sends the request head and any queued body bytes; flushes
     * now when {@code flushNow}, else at the end of the current read from the client.
     */
    private void attach(Exchange ex, Channel backend, boolean flushNow) {
        ex.backend = backend;
        backends.install(backend, ex);
        ByteBuf pending;
        while ((pending = ex.pollPending()) != null) { // the head first, then body bytes
            backend.write(pending, backend.voidPromise());
        }
        if (flushNow) {
            backend.flush();
        } else {
            flushes.later(backend);
        }
        if (ex.requestComplete) {
            requestSent(ex);
        }
        if (!backend.isWritable()) {
            client.config().setAutoRead(false);
        }
    }

    @Override
    public void onData(ByteBuf data) {
        Exchange ex = current;
        if (ex != null && !ex.done) {
            ex.requestBody.add(data);
        }
    }

    @Override
    public void onBody(ByteBuf raw) {
        Exchange ex = current;
        if (ex == null || ex.done) {
            raw.release(); // the exchange ended early (an error answered, or the upstream did not wait)
            return;
        }
        if (ex.backend == null) {
            ex.addPending(raw);
            return;
        }
        // Void promises: no promise and listener per write; a failed write reaches the backend handler's
        // exceptionCaught, which closes the connection and reports the reset. The flush follows at the end of
        // this read (or of the replay of held bytes), once for everything this read produced.
        ex.backend.write(raw, ex.backend.voidPromise());
        flushes.later(ex.backend);
        if (!ex.backend.isWritable()) {
            // Pause first, then flush: a flush that drains at once re-enables reads from its writability event.
            client.config().setAutoRead(false);
            ex.backend.flush();
        }
    }

    @Override
    public void onEnd() {
        Exchange ex = current;
        if (ex == null) {
            if (!closing) {
                framer.next(); // the exchange ended before its request did: the next request may start now
            }
            return;
        }
        if (ex.done) {
            return;
        }
        ex.requestComplete = true;
        emitRequestRecord(ex);
        if (ex.backend != null) {
            requestSent(ex);
        }
    }

    @Override
    public void onError(BadRequest reason) {
        if (closing) {
            return; // answered already; nothing more is read
        }
        Exchange ex = current;
        if (ex == null || ex.done) {
            if (headTimeout != null) {
                headTimeout.headArrived();
            }
            if (ex == null) {
                ctx.metrics().requests.increment();
            }
            closing = true;
            errorEncoder.answering(false);
            ErrorResponses.reject(ctx, self, reason);
            return;
        }
        // The body's framing broke mid-request: the upstream has a partial request and cannot be reused.
        String message = "malformed request body from client: " + reason.getMessage();
        if (!ex.responseStarted) {
            ex.releasePending();
            upstreamFailed(ex, EventAction.MALFORMED_REQUEST, HttpResponseStatus.BAD_REQUEST, message);
            return;
        }
        ex.done = true;
        current = null;
        closing = true;
        ex.cancelResponseTimeout();
        ex.backend.close();
        emitRequestRecord(ex);
        ctx.metrics().errors.increment();
        ctx.emit(ctx.records().event(ex.route, ex.info, EventAction.MALFORMED_REQUEST, Level.WARN, message, 400));
        client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext c) {
        flushes.flush();
    }

    private void emitRequestRecord(Exchange ex) {
        if (ex.capture) {
            ctx.emit(ctx.records().request(ex.route, ex.info, ex.requestBody.totalBytes(),
                    ex.requestBody.toBody(ex.snapshot.redactor()::text)));
        }
    }

    /** The whole request is upstream: the response timeout starts. */
    private void requestSent(Exchange ex) {
        ex.requestSentNanos = System.nanoTime();
        if (!ex.responseStarted) {
            ex.responseDeadline = responseDeadline;
            responseDeadline.set(ex, ex.route.timeouts().responseMs());
        }
    }

    private void responseDue(Exchange ex) {
        if (current == ex && !ex.responseStarted && !ex.done) {
            upstreamFailed(ex, EventAction.UPSTREAM_TIMEOUT, HttpResponseStatus.GATEWAY_TIMEOUT,
                    "upstream " + UpstreamPool.key(ex.upstream) + " did not answer within "
                            + ex.route.timeouts().responseMs() + " ms");
        }
    }

    /** Ends an exchange whose upstream failed before answering: an error response and an event record. */
    void upstreamFailed(Exchange ex, String action, HttpResponseStatus status, String message) {
        if (ex.done) {
            return;
        }
        ex.done = true;
        ex.cancelResponseTimeout();
        if (ex.backend != null) {
            ex.backend.close();
        }
        ctx.metrics().errors.increment();
        ctx.metrics().response(status.code());
        if (!ex.requestComplete) {
            emitRequestRecord(ex);
        }
        ctx.emit(ctx.records().event(ex.route, ex.info, action, Level.ERROR, message, status.code()));
        if (ex.capture) {
            ctx.emit(ctx.records().response(ex.route, ex.info, status.code(), 0, ex.durationMs(), null));
        }
        boolean keepAlive = ex.clientKeepAlive && ex.requestComplete;
        current = null;
        if (!keepAlive) {
            closing = true;
        }
        ChannelFuture answered = client.writeAndFlush(ErrorResponses.of(status, message, keepAlive));
        if (keepAlive) {
            answered.addListener(f -> resume());
        } else {
            LingeringClose.after(answered); // the request body may still be arriving
        }
    }

    /** Called by the backend handler when the response has been written: the next request may start. */
    void exchangeFinished(Exchange ex) {
        if (current == ex) {
            current = null;
        }
        if (ex.closeClientAfterResponse || !ex.clientKeepAlive) {
            closing = true;
            // Closed once everything written is out: a body delimited by the upstream's close may still be queued.
            client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        resume();
    }

    /** The exchange became a tunnel (WebSocket): the relay owns both connections from now on. */
    void exchangeUpgraded(Exchange ex) {
        if (current == ex) {
            current = null;
        }
        closing = true; // nothing HTTP follows on this connection
        upgrading = true;
        framer.release();
    }

    /** The upstream cut the response short; the client connection is being closed. */
    void exchangeAborted(Exchange ex) {
        if (current == ex) {
            current = null;
        }
        closing = true;
    }

    Channel channel() {
        return client;
    }

    /** Reads the pipelined bytes that waited, then reads from the client again. */
    private void resume() {
        if (headTimeout != null) {
            headTimeout.awaitHead();
        }
        framer.next();
        ByteBuf h = held;
        if (h != null && !closing) {
            held = null;
            framer.feed(h);
            if (h.isReadable() && framer.ended() && !closing) {
                held = h; // the next pipelined request waits for this one
            } else {
                h.release();
            }
        }
        flushes.flush(); // what the held bytes wrote
        if (!client.config().isAutoRead() && (current == null || !current.requestComplete
                || held == null || held.readableBytes() < MAX_HELD_BYTES)) {
            client.config().setAutoRead(true); // also starts a read
        }
    }

    /** The upstream drained: client reads may resume while the request body still flows. */
    void backendWritable(Exchange ex) {
        if (current == ex && !ex.requestComplete) {
            client.config().setAutoRead(true);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext c, Object evt) throws Exception {
        if (evt instanceof HeadTimeoutHandler.HeadTimeout) {
            if (current == null && !closing) {
                closing = true;
                errorEncoder.answering(false);
                ctx.metrics().response(408);
                ctx.emit(ctx.records().event(null, null, EventAction.REQUEST_TIMEOUT, Level.WARN,
                        "request head from " + ((InetSocketAddress) c.channel().remoteAddress()).getAddress()
                                .getHostAddress() + " not complete within " + ctx.headTimeoutMs() + " ms", 408));
                ErrorResponses.send(c, HttpResponseStatus.REQUEST_TIMEOUT, "Request head took too long", false);
            }
            return;
        }
        if (evt instanceof IdleStateEvent) {
            Exchange ex = current;
            if (ex == null) {
                c.close(); // an idle keep-alive connection: nothing to say
            } else if (!ex.requestComplete && !ex.responseStarted && !ex.done) {
                // the client stopped sending its body half-way: free the upstream and tell the client
                ex.done = true;
                current = null;
                closing = true;
                if (ex.backend != null) {
                    ex.backend.close();
                }
                ex.releasePending();
                emitRequestRecord(ex);
                ctx.metrics().response(408);
                ctx.emit(ctx.records().event(ex.route, ex.info, EventAction.REQUEST_TIMEOUT, Level.WARN,
                        "request body stalled for " + ctx.idleTimeoutMs() + " ms", 408));
                ErrorResponses.send(c, HttpResponseStatus.REQUEST_TIMEOUT, "Request body took too long", false);
            }
            return;
        }
        super.userEventTriggered(c, evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext c) {
        Exchange ex = current;
        if (ex != null && ex.backend != null && c.channel().isWritable()) {
            ex.backend.config().setAutoRead(true);
        }
        c.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext c) {
        if (responseDeadline != null) {
            responseDeadline.stop();
        }
        Exchange ex = current;
        current = null;
        if (ex != null && !ex.done) {
            ex.done = true;
            ex.cancelResponseTimeout();
            ex.releasePending();
            if (ex.backend != null) {
                ex.backend.close();
            }
            if (!ex.requestComplete) {
                emitRequestRecord(ex);
            }
            ctx.emit(ctx.records().event(ex.route, ex.info, EventAction.CLIENT_ABORT, Level.WARN,
                    "client closed the connection before the " + (ex.requestComplete ? "response" : "request")
                            + " was complete", null));
        }
        releaseHeld();
        if (framer != null) {
            framer.release();
        }
    }

    /** Leaving the pipeline (an upgrade's relay takes over): held bytes go on to the relay, in order. */
    @Override
    public void handlerRemoved(ChannelHandlerContext c) {
        ByteBuf h = held;
        held = null;
        if (h != null && upgrading && h.isReadable()) {
            c.fireChannelRead(h);
            c.fireChannelReadComplete();
        } else if (h != null) {
            h.release();
        }
    }

    private void releaseHeld() {
        if (held != null) {
            held.release();
            held = null;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
        c.close(); // channelInactive reports an exchange cut short
    }
}
