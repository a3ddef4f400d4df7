package io.tapline.proxy.server;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.tapline.proxy.capture.BodyCapture;
import io.tapline.proxy.capture.RequestInfo;
import io.tapline.proxy.routing.ClientAddress;
import io.tapline.proxy.routing.Route;
import io.tapline.proxy.routing.RouteTable;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a decoded request head into an exchange: the route (host and path), the client address, the trace
 * identity, the request record's fields, and the headers rewritten for the upstream. One per client connection,
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

    /** Routes {@code request}; when a route matches, its headers are rewritten for the upstream too. */
    Start open(HttpRequest request) {
        ProxySnapshot snap = ctx.snapshots().get();
        HttpHeaders headers = request.headers();
        String host = RequestTarget.routingHost(client, request);
        String uri = request.uri();
        String path = RequestTarget.pathOf(uri);
        // Without X-Forwarded-For the client is the peer: no header list to copy, no address to format again.
        String clientIp = headers.contains(ForwardedHeaders.X_FORWARDED_FOR)
                ? ClientAddress.resolve(peer.getAddress(), headers.getAll(ForwardedHeaders.X_FORWARDED_FOR),
                snap.config().trustedProxies())
                : peerIp;
        TraceContext trace = TraceContext.from(headers.get(ForwardedHeaders.TRACEPARENT),
                headers.get(ForwardedHeaders.X_REQUEST_ID));
        Optional<Route> match = snap.routes().matchRequestHost(routingHost(host), path);
        // Headers go only into request records: without capture, copying and redacting them is wasted work.
        boolean capture = match.isPresent() && match.get().capture().enabled();
        RequestInfo info = new RequestInfo(trace.traceId(), ctx.records().now(), System.nanoTime(),
                request.method().name(), snap.redactor().url(uri), clientIp, headers.get(HttpHeaderNames.USER_AGENT),
                capture ? ctx.headerAllowList().copy(headers, snap.redactor()) : Map.of());
        if (match.isEmpty()) {
            return new Start(null, info, host, path);
        }
        Route route = match.get();
        boolean upgrade = headers.contains(HttpHeaderNames.UPGRADE)
                && headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderNames.UPGRADE, true);
        // The body's type and encoding matter only to a body capture: no header lookups without one.
        BodyCapture body = capture && route.capture().requestBody()
                ? BodyCapture.of(true, route.capture().maxBodyBytes(), headers.get(HttpHeaderNames.CONTENT_TYPE),
                headers.get(HttpHeaderNames.CONTENT_ENCODING))
                : BodyCapture.counting();
        Exchange ex = new Exchange(route, info, snap, snap.routes().nextUpstream(route), HttpUtil.isKeepAlive(request),
                upgrade, body);
        forwarded().forRequest(headers, trace, upgrade);
        if (request.protocolVersion() == HttpVersion.HTTP_1_0) {
            request.setProtocolVersion(HttpVersion.HTTP_1_1); // keeps the upstream connection reusable
        }
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
