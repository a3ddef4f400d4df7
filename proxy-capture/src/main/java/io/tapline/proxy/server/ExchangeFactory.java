package io.tapline.proxy.server;

import io.netty.channel.Channel;
import io.tapline.proxy.capture.BodyCapture;
import io.tapline.proxy.capture.RequestInfo;
import io.tapline.proxy.routing.ClientAddress;
import io.tapline.proxy.routing.Route;
import io.tapline.proxy.routing.RouteTable;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a parsed request head into an exchange: the route (host and path), the client address, the trace
 * identity, the request record's fields, and the head rewritten for the upstream (queued first in the exchange). One per client connection,
 * so that what a keep-alive client repeats (its address, its Host) is worked out once.
 */
final class ExchangeFactory {
    private final ProxyContext ctx;
    private final Channel client;
    private final InetSocketAddress peer;
    /** The client's address as text, made once: without X-Forwarded-For it is every request's client IP. */
    private final String peerIp;
    /** The last Host header and the routing host made of it: a keep-alive client keeps asking for the same. */
    private String lastHostHeader;
    private String lastRoutingHost;
    private ForwardedHeaders forwarded;

    /**
     * What a request head led to. Without a route {@code exchange} is null, and {@code info}, {@code host} and
     * {@code path} say what was asked for (the no-route event).
     */
    record Start(Exchange exchange, RequestInfo info, String host, String path) {
    }

    ExchangeFactory(ProxyContext ctx, Channel client) {
        this.ctx = ctx;
        this.client = client;
        this.peer = (InetSocketAddress) client.remoteAddress();
        this.peerIp = peer == null ? null : ClientAddress.resolve(peer.getAddress(), null, null);
    }

    /** Routes {@code head}; when a route matches, the head rewritten for the upstream waits in the exchange. */
    Start open(RequestHead head) {
        ProxySnapshot snap = ctx.snapshots().get();
        String host = RequestTarget.routingHost(client, head.host, head.uri);
        String uri = head.uri;
        String path = RequestTarget.pathOf(uri);
        // Without X-Forwarded-For the client is the peer: no header list to copy, no address to format again.
        List<String> forwardedFor = head.forwardedFor();
        String clientIp = forwardedFor.isEmpty() ? peerIp
                : ClientAddress.resolve(peer.getAddress(), forwardedFor, snap.config().trustedProxies());
        TraceContext trace = TraceContext.from(head.traceparent, head.requestId);
        Optional<Route> match = snap.routes().matchRequestHost(routingHost(host), path);
        // Headers go only into request records: without capture, copying and redacting them is wasted work.
        boolean capture = match.isPresent() && match.get().capture().enabled();
        RequestInfo info = new RequestInfo(trace.traceId(), ctx.records().now(), System.nanoTime(),
                head.method, snap.redactor().url(uri), clientIp, head.userAgent,
                capture ? ctx.headerAllowList().copy(head, snap.redactor()) : Map.of());
        if (match.isEmpty()) {
            return new Start(null, info, host, path);
        }
        Route route = match.get();
        // The body's type and encoding matter only to a body capture.
        BodyCapture body = capture && route.capture().requestBody()
                ? BodyCapture.of(true, route.capture().maxBodyBytes(), head.contentType, head.contentEncoding)
                : BodyCapture.counting();
        Exchange ex = new Exchange(route, info, snap, snap.routes().nextUpstream(route), head.keepAlive,
                head.upgrade, body);
        ex.addPending(forwarded().write(head, trace, client.alloc()));
        return new Start(ex, info, host, path);
    }

    /** The routing host (lower case, no port) of a Host value, remembered for the next request of the client. */
    private String routingHost(String host) {
        if (!host.equals(lastHostHeader)) {
            lastHostHeader = host;
            lastRoutingHost = RouteTable.requestHost(host);
        }
        return lastRoutingHost;
    }

    /** This connection's forwarded-header writer, made at its first routed request. */
    private ForwardedHeaders forwarded() {
        if (forwarded == null) {
            forwarded = new ForwardedHeaders(peer.getAddress().getHostAddress(), ctx.tls());
        }
        return forwarded;
    }
}
