package io.tapline.proxy.server;

import io.netty.channel.Channel;
import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import io.tapline.proxy.capture.BodyCapture;
import io.tapline.proxy.capture.RequestInfo;
import io.tapline.proxy.routing.Route;

import java.net.URI;
import java.util.ArrayDeque;

/**
 * One request/response exchange on a client connection, from the request head to the end of the response.
 * Touched only on the client connection's event loop.
 */
final class Exchange {
    final Route route;
    final RequestInfo info;
    final ProxySnapshot snapshot;
    final URI upstream;
    final boolean clientKeepAlive;
    final boolean capture;
    final boolean upgradeRequested;
    final BodyCapture requestBody;
    BodyCapture responseBody;

    Channel backend;
    /**
     * What waits for the upstream connection: the head to forward, then body bytes that arrived while the connection
     * was being opened.
     */
    private final ArrayDeque<ByteBuf> pendingContent = new ArrayDeque<>(2);
    boolean requestComplete;
    boolean responseStarted;
    boolean informational;
    boolean upgraded;
    boolean closeClientAfterResponse;
    boolean done;
    int status;
    long requestSentNanos;
    /** The connection's response time limit, once the request is upstream. */
    DeadlineTimer<Exchange> responseDeadline;

    Exchange(Route route, RequestInfo info, ProxySnapshot snapshot, URI upstream, boolean clientKeepAlive,
             boolean upgradeRequested, BodyCapture requestBody) {
        this.route = route;
        this.info = info;
        this.snapshot = snapshot;
        this.upstream = upstream;
        this.clientKeepAlive = clientKeepAlive;
        this.capture = route.capture().enabled();
        this.upgradeRequested = upgradeRequested;
        this.requestBody = requestBody;
    }

    void cancelResponseTimeout() {
        if (responseDeadline != null) {
            responseDeadline.clear();
            responseDeadline = null;
        }
    }

    void addPending(ByteBuf bytes) {
        pendingContent.add(bytes);
    }

    /** The next queued bytes for the upstream, or null. */
    ByteBuf pollPending() {
        return pendingContent.poll();
    }

    void releasePending() {
        ByteBuf c;
        while ((c = pollPending()) != null) {
            ReferenceCountUtil.release(c);
        }
    }

    long durationMs() {
        return (System.nanoTime() - info.startNanos()) / 1_000_000;
    }
}
