package io.tapline.proxy.routing;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Picks the route for a request: routes for the request's host beat host-less ones, then the longest matching
 * path prefix wins, then file order. Candidate lists are precomputed per host, so a lookup is one map access
 * and a short scan. Also hands out each route's upstreams round robin. Immutable apart from the thread-safe
 * round-robin cursors.
 */
public final class RouteTable {
    private static final Comparator<Route> LONGEST_PREFIX_FIRST =
            Comparator.comparingInt((Route r) -> r.pathPrefix() == null ? 0 : r.pathPrefix().length()).reversed();

    private final List<Route> routes;
    private final Map<String, Route[]> candidatesByHost;
    private final Route[] anyHostCandidates;
    private final Map<String, AtomicInteger> cursors = new ConcurrentHashMap<>();
    private final Set<String> containerIds;

    public RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
        Map<String, List<Route>> byHost = new LinkedHashMap<>();
        List<Route> anyHost = new ArrayList<>();
        Set<String> containers = new LinkedHashSet<>();
        for (Route route : this.routes) {
            if (route.host() == null) {
                anyHost.add(route);
            } else {
                byHost.computeIfAbsent(route.host().toLowerCase(Locale.ROOT), h -> new ArrayList<>()).add(route);
            }
            if (route.containerId() != null) {
                containers.add(route.containerId());
            }
            cursors.put(route.name(), new AtomicInteger());
        }
        anyHost.sort(LONGEST_PREFIX_FIRST); // List.sort is stable: equal prefixes keep file order
        this.anyHostCandidates = anyHost.toArray(Route[]::new);
        Map<String, Route[]> candidates = new HashMap<>();
        byHost.forEach((host, list) -> {
            list.sort(LONGEST_PREFIX_FIRST);
            list.addAll(anyHost); // a host's own routes first, then the catch-all ones
            candidates.put(host, list.toArray(Route[]::new));
        });
        this.candidatesByHost = Map.copyOf(candidates);
        this.containerIds = Set.copyOf(containers);
    }

    public static RouteTable of(ProxyConfig config) {
        return new RouteTable(config.routes());
    }

    public List<Route> routes() {
        return routes;
    }

    /**
     * The route for a request.
     *
     * @param host the Host header or SNI name, any case, possibly with a port; null matches host-less routes only
     * @param path the request path (a query string after it is ignored); null or empty counts as "/"
     */
    public Optional<Route> match(String host, String path) {
        return matchRequestHost(requestHost(host), path);
    }

    /**
     * {@link #match} for a host already made by {@link #requestHost} (a client connection keeps the last one:
     * it asks for the same host again and again).
     */
    public Optional<Route> matchRequestHost(String h, String path) {
        Route[] candidates = h == null ? anyHostCandidates : candidatesByHost.getOrDefault(h, anyHostCandidates);
        String p = path == null || path.isEmpty() ? "/" : path;
        for (Route route : candidates) {
            if (prefixMatches(route.pathPrefix(), p)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    /** The route's next upstream, round robin; safe to call from any thread. */
    public URI nextUpstream(Route route) {
        List<URI> upstreams = route.upstreams();
        if (upstreams.size() == 1) {
            return upstreams.get(0);
        }
        // A route from an older table (a request in flight across a reload) still gets its own cursor.
        AtomicInteger cursor = cursors.computeIfAbsent(route.name(), n -> new AtomicInteger());
        return upstreams.get(Math.floorMod(cursor.getAndIncrement(), upstreams.size()));
    }

    /** Container ids that the routes of this table tag their records with. */
    public Set<String> containerIds() {
        return containerIds;
    }

    /** "/v1/users" matches "/v1/users", "/v1/users/7" and "/v1/users?x", never "/v1/usersX". */
    static boolean prefixMatches(String prefix, String path) {
        if (prefix == null) {
            return true;
        }
        if (!path.startsWith(prefix)) {
            return false;
        }
        if (path.length() == prefix.length() || prefix.endsWith("/")) {
            return true;
        }
        char next = path.charAt(prefix.length());
        return next == '/' || next == '?' || next == '#';
    }

    /** Lower case, port and trailing dot removed, IPv6 canonical without brackets; null for a blank host. */
    public static String requestHost(String host) {
        if (host == null) {
            return null;
        }
        String h = host.trim();
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            InetAddress v6 = close > 0 ? IpLiteral.parse(h.substring(1, close)) : null;
            return v6 == null ? h.toLowerCase(Locale.ROOT) : IpLiteral.format(v6);
        }
        int colon = h.indexOf(':');
        if (colon >= 0) {
            if (colon == h.lastIndexOf(':')) {
                h = h.substring(0, colon);
            } else {
                InetAddress v6 = IpLiteral.parse(h);
                return v6 == null ? h.toLowerCase(Locale.ROOT) : IpLiteral.format(v6);
            }
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h.isEmpty() ? null : h.toLowerCase(Locale.ROOT);
    }
}
