package io.tapline.proxy.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.tapline.proxy.capture.EventAction;
import io.tapline.schema.Level;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;

/**
 * The client side of the proxy, one per client connection: routes each request, opens or reuses an upstream
 * connection, streams the request to it with backpressure, and records the exchange. One exchange at a
 * time; pipelined requests wait their turn.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter {
    /**
     * Pipelined messages held while an exchange is in progress before reads from the client pause. Reads are not
     * paused per request: turning them off and on costs two selector updates (epoll_ctl) per request, and a
     * client that does not pipeline sends nothing meanwhile anyway. A client closing its side meanwhile is a
     * client abort, as nginx treats it.
     */
    static final int MAX_WAITING = 32;

    private final ProxyContext ctx;
    private final BackendHandler.Factory backends;
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private Channel client;
    private HeadTimeoutHandler headTimeout;
    private ProxyInitializer.ErrorEncoder errorEncoder;
    private DeadlineTimer<Exchange> responseDeadline;
    private ExchangeFactory exchanges;
    private Exchange current;
    private boolean closing;
    private final FlushBatch flushes = new FlushBatch();

    FrontendHandler(ProxyContext ctx) {
        this.ctx = ctx;
        this.backends = new BackendHandler.Factory(ctx, this);
    }

    @Override
    public void channelActive(ChannelHandlerContext c) throws Exception {
        client = c.channel();
        exchanges = new ExchangeFactory(ctx, client);
        headTimeout = HeadTimeoutHandler.of(client);
        errorEncoder = client.pipeline().get(ProxyInitializer.ErrorEncoder.class);
        responseDeadline = new DeadlineTimer<>(c.executor(), this::responseDue);
        super.channelActive(c);
    }

    @Override
    public void channelRead(ChannelHandlerContext c, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (current != null && (current.requestComplete || !(msg instanceof HttpContent))) {
            waiting.add(msg); // a pipelined request: handled once the current exchange is over
            if (waiting.size() >= MAX_WAITING) {
                client.config().setAutoRead(false); // bounded: the client waits for the responses
            }
            return;
        }
        if (msg instanceof HttpRequest request) {
            onRequestHead(c, request);
        }
        if (msg instanceof HttpContent content) {
            onRequestContent(c, content);
        } else if (!(msg instanceof HttpRequest)) {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onRequestHead(ChannelHandlerContext c, HttpRequest request) {
        if (headTimeout != null) {
            headTimeout.headArrived();
        }
        ctx.metrics().requests.increment();
        DecoderResult result = request.decoderResult();
        errorEncoder.answering(result.isFailure() ? null : request.method());
        if (result.isFailure()) {
            rejectMalformed(c, request, result.cause());
            return;
        }
        ExchangeFactory.Start start = exchanges.open(request);
        Exchange ex = start.exchange();
        if (ex == null) {
            ctx.emit(ctx.records().event(null, start.info(), EventAction.NO_ROUTE, Level.WARN, "no route for host "
                    + RequestTarget.bounded(start.host()) + " and path " + RequestTarget.bounded(start.path()), 404));
            ctx.metrics().response(404);
            closing = true; // the body, if any, is not worth reading
            ErrorResponses.send(c, HttpResponseStatus.NOT_FOUND, "No route for this host and path", false);
            return;
        }
        current = ex;
        Channel idle = ctx.pool().pollIdle(ex.upstream);
        if (idle != null) {
            attach(ex, idle, request, false); // flushed at the end of this read, with the request's content
            return;
        }
        // Hold client reads while connecting: content already decoded queues in the exchange, no more arrives.
        client.config().setAutoRead(false);
        ChannelFuture connect = ctx.pool().connect(c.channel().eventLoop(), ex.upstream, ex.route.timeouts().connectMs());
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
            attach(ex, f.channel(), request, true);
            if (f.channel().isWritable() && (!ex.requestComplete || waiting.size() < MAX_WAITING)) {
                client.config().setAutoRead(true);
            }
        });
    }

    /**
     * Binds the exchange to an upstream connection and sends the request head and any queued content; flushes now
     * when {@code flushNow}, else at the end of the current read from the client.
     */
    private void attach(Exchange ex, Channel backend, HttpRequest request, boolean flushNow) {
        ex.backend = backend;
        backends.install(backend, ex);
        backend.write(request, backend.voidPromise());
        HttpContent pending;
        boolean last = false;
        while ((pending = ex.pollPending()) != null) {
            last = pending instanceof LastHttpContent;
            backend.write(pending, backend.voidPromise());
        }
        if (flushNow) {
            backend.flush();
        } else {
            flushes.later(backend);
        }
        if (last) {
            requestSent(ex);
        }
        if (!backend.isWritable()) {
            client.config().setAutoRead(false);
        }
    }

    private void onRequestContent(ChannelHandlerContext c, HttpContent content) {
        Exchange ex = current;
        if (ex == null || ex.done) {
            ReferenceCountUtil.release(content);
            return;
        }
        ex.requestBody.add(content.content());
        boolean last = content instanceof LastHttpContent;
        if (last) {
            ex.requestComplete = true;
            emitRequestRecord(ex);
        }
        if (ex.backend == null) {
            ex.addPending(content);
            return;
        }
        // Void promises: no promise and listener per write; a failed write reaches the backend handler's
        // exceptionCaught, which closes the connection and reports the reset. The flush follows at the end of
        // this read (or of the replay of waiting messages), once for everything this read produced.
        ex.backend.write(content, ex.backend.voidPromise());
        flushes.later(ex.backend);
        if (last) {
            requestSent(ex);
        }
        if (!ex.backend.isWritable()) {
            // Pause first, then flush: a flush that drains at once re-enables reads from its writability event.
            client.config().setAutoRead(false);
            ex.backend.flush();
        }
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

    /** Replays pipelined messages that waited, then reads from the client again. */
    private void resume() {
        if (headTimeout != null) {
            headTimeout.awaitHead();
        }
        ChannelHandlerContext c = client.pipeline().context(this);
        while (current == null && !waiting.isEmpty() && !closing) {
            channelRead(c, waiting.poll());
        }
        flushes.flush(); // what the replayed messages wrote
        if (!client.config().isAutoRead() && (current == null || !current.requestComplete
                || waiting.size() < MAX_WAITING)) {
            client.config().setAutoRead(true); // also starts a read
        }
    }

    /** The upstream drained: client reads may resume while the request body still flows. */
    void backendWritable(Exchange ex) {
        if (current == ex && !ex.requestComplete) {
            client.config().setAutoRead(true);
        }
    }

    private void rejectMalformed(ChannelHandlerContext c, HttpRequest request, Throwable cause) {
        closing = true;
        ReferenceCountUtil.release(request);
        ErrorResponses.reject(ctx, c, cause);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext c, Object evt) throws Exception {
        if (evt instanceof HeadTimeoutHandler.HeadTimeout) {
            if (current == null && !closing) {
                closing = true;
                errorEncoder.answering(null);
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
        while (!waiting.isEmpty()) {
            ReferenceCountUtil.release(waiting.poll());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
        c.close(); // channelInactive reports an exchange cut short
    }
}
