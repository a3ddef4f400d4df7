package io.tapline.proxy.server;

import io.netty.channel.Channel;

import java.util.Locale;

/** What routing and messages read from a request's target: the host it asked for and its path. */
final class RequestTarget {
    private RequestTarget() {
    }

    /** The host that selects the route: the TLS SNI host, else the Host header, else an absolute URI's host. */
    static String routingHost(Channel ch, String hostHeader, String uri) {
        // Set by ProxyInitializer when the TLS client sent SNI; the SniHandler itself is gone by now.
        String sniHost = ch.attr(ProxyInitializer.SNI_HOST).get();
        if (sniHost != null) {
            return sniHost;
        }
        String host = hostHeader;
        if (host == null && uri.startsWith("http") && uri.indexOf("://") > 0) {
            int start = uri.indexOf("://") + 3;
            int end = start;
            while (end < uri.length() && "/?#".indexOf(uri.charAt(end)) < 0) {
                end++;
            }
            host = uri.substring(start, end);
        }
        return host == null ? "" : host.toLowerCase(Locale.ROOT);
    }

    /** The path of an origin-form or absolute-form target, without the query. */
    static String pathOf(String uri) {
        String target = uri;
        int scheme = target.indexOf("://");
        if (scheme > 0 && scheme < 10) {
            int slash = target.indexOf('/', scheme + 3);
            target = slash < 0 ? "/" : target.substring(slash);
        }
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** {@code s} cut to 100 characters for a message (a client chooses its length). */
    static String bounded(String s) {
        return s == null ? "" : s.length() > 100 ? s.substring(0, 100) + "…" : s;
    }
}
