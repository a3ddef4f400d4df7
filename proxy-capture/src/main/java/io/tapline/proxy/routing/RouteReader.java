package io.tapline.proxy.routing;

import io.tapline.schema.Source;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reads and validates one entry of the routes file's {@code routes} list into a {@link Route}. */
final class RouteReader {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final Pattern TAG = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern HOST_NAME =
            Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*");

    private RouteReader() {
    }

    static Route read(ConfigMap m) {
        m.allowOnly("name", "match", "upstreams", "projectId", "containerId", "serviceName", "source", "capture",
                "timeouts");
        String name = m.requiredString("name");
        if (!NAME.matcher(name).matches()) {
            throw m.error("name", "must be 1 to 64 characters of A-Z a-z 0-9 . _ -, got '" + name + "'");
        }
        String host = null;
        String pathPrefix = null;
        ConfigMap match = m.map("match");
        if (match != null) {
            match.allowOnly("host", "pathPrefix");
            host = match.has("host") ? host(match, match.string("host")) : null;
            pathPrefix = match.has("pathPrefix") ? pathPrefix(match, match.string("pathPrefix")) : null;
        }
        List<URI> upstreams = upstreams(m);
        String projectId = tag(m, "projectId", m.requiredString("projectId"));
        String containerId = m.has("containerId") ? tag(m, "containerId", m.string("containerId")) : null;
        String serviceName = m.has("serviceName") ? tag(m, "serviceName", m.string("serviceName")) : name;
        Source source = Source.BACKEND;
        if (m.has("source")) {
            try {
                source = Source.parse(m.string("source"));
            } catch (IllegalArgumentException e) {
                throw m.error("source", e.getMessage() + ", got '" + m.raw("source") + "'");
            }
        }
        return new Route(name, host, pathPrefix, upstreams, projectId, containerId, serviceName, source,
                capture(m.map("capture")), timeouts(m.map("timeouts")));
    }

    private static String tag(ConfigMap m, String key, String value) {
        if (!TAG.matcher(value).matches()) {
            throw m.error(key, "must be 1 to 128 characters of A-Z a-z 0-9 . _ : -, got '" + value + "'");
        }
        return value;
    }

    /** Lower case, no port, no trailing dot; IPv6 literals in canonical form without brackets. */
    static String host(ConfigMap m, String value) {
        String h = value.trim().toLowerCase(Locale.ROOT);
        if (h.contains("://")) {
            throw m.error("host", "must be a host name without a scheme, got '" + value + "'");
        }
        if (h.indexOf('/') >= 0) {
            throw m.error("host", "must be a host name without a path, got '" + value + "'");
        }
        if (h.indexOf('*') >= 0) {
            throw m.error("host", "wildcards are not supported, got '" + value + "'");
        }
        boolean bracketed = h.startsWith("[") && h.endsWith("]");
        if (bracketed || h.indexOf(':') != h.lastIndexOf(':')) {
            InetAddress v6 = IpLiteral.parse(bracketed ? h.substring(1, h.length() - 1) : h);
            if (v6 == null) {
                throw m.error("host", "not a valid IPv6 address, got '" + value + "'");
            }
            return IpLiteral.format(v6);
        }
        if (h.indexOf(':') >= 0) {
            throw m.error("host", "must be a host name without a port, got '" + value + "'");
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.length() > 253 || !HOST_NAME.matcher(h).matches()) {
            throw m.error("host", "not a valid host name, got '" + value + "'");
        }
        return h;
    }

    private static String pathPrefix(ConfigMap m, String value) {
        if (!value.startsWith("/")) {
            throw m.error("pathPrefix", "must start with '/', got '" + value + "'");
        }
        if (value.length() > 1024 || value.chars().anyMatch(c -> c <= ' ' || c == '?' || c == '#' || c == 127)) {
            throw m.error("pathPrefix", "must be a path without spaces, '?' or '#', got '" + value + "'");
        }
        return value;
    }

    private static List<URI> upstreams(ConfigMap m) {
        List<?> list = m.list("upstreams");
        if (list == null) {
            throw m.error("upstreams", "is required (a list of http:// URLs)");
        }
        if (list.isEmpty()) {
            throw m.error("upstreams", "must list at least one http:// URL");
        }
        List<URI> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(upstream(m, "upstreams[" + i + "]", m.stringAt("upstreams", list, i)));
        }
        return out;
    }

    /** Normalised to {@code http://host:port} so that the proxy never has to apply defaults itself. */
    private static URI upstream(ConfigMap m, String key, String value) {
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw m.error(key, "not a URL: " + e.getReason() + " in '" + value + "'");
        }
        if (uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase("http")) {
            throw m.error(key, "must be an http:// URL (TLS to upstreams is not supported), got '" + value + "'");
        }
        if (uri.getHost() == null) {
            throw m.error(key, "needs a valid host name (letters, digits, '-', '.'), got '" + value + "'");
        }
        if (uri.getRawUserInfo() != null) {
            throw m.error(key, "must not contain credentials");
        }
        String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw m.error(key, "must not have a path, query or fragment, got '" + value + "'");
        }
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        if (port < 1 || port > 65535) {
            throw m.error(key, "port must be 1 to 65535, got " + port);
        }
        return URI.create("http://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
    }

    private static Route.Capture capture(ConfigMap c) {
        if (c == null) {
            return Route.Capture.defaults();
        }
        c.allowOnly("enabled", "requestBody", "responseBody", "maxBodyBytes");
        return new Route.Capture(c.bool("enabled", true), c.bool("requestBody", false),
                c.bool("responseBody", false),
                c.integer("maxBodyBytes", Route.Capture.DEFAULT_MAX_BODY_BYTES, 0, 1024 * 1024));
    }

    private static Route.Timeouts timeouts(ConfigMap t) {
        Route.Timeouts defaults = Route.Timeouts.defaults();
        if (t == null) {
            return defaults;
        }
        t.allowOnly("connectMs", "responseMs");
        return new Route.Timeouts(t.integer("connectMs", defaults.connectMs(), 1, 600_000),
                t.integer("responseMs", defaults.responseMs(), 1, 3_600_000));
    }
}

