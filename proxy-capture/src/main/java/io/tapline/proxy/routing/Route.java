package io.tapline.proxy.routing;

import io.tapline.schema.Source;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * One entry of the routes file: what it matches, where it sends traffic, the tenancy tags its records carry,
 * and how much of each exchange it captures. Immutable; validated by {@link RoutesFile}.
 *
 * @param name        unique name
 * @param host        host (or SNI name) to match, lower case, without port; null matches any host
 * @param pathPrefix  path prefix to match, starting with '/'; null matches any path
 * @param upstreams   one or more {@code http://host:port} upstreams, used round robin
 * @param projectId   tenant of the records
 * @param containerId container of the records
 * @param serviceName service of the records
 * @param source      backend or edge
 * @param capture     what to record
 * @param timeouts    upstream connect and response timeouts
 */
public record Route(String name, String host, String pathPrefix, List<URI> upstreams, String projectId,
                    String containerId, String serviceName, Source source, Capture capture, Timeouts timeouts) {
    public Route {
        Objects.requireNonNull(name, "name");
        upstreams = List.copyOf(upstreams);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(timeouts, "timeouts");
    }

    /**
     * @param enabled      false proxies without recording anything (for comparison runs)
     * @param requestBody  capture request bodies of allowed content types
     * @param responseBody capture response bodies of allowed content types
     * @param maxBodyBytes cap on captured bytes per body (default 16 KiB)
     */
    public record Capture(boolean enabled, boolean requestBody, boolean responseBody, int maxBodyBytes) {
        public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024;

        public static Capture defaults() {
            return new Capture(true, false, false, DEFAULT_MAX_BODY_BYTES);
        }
    }

    /**
     * @param connectMs  upstream connect timeout
     * @param responseMs time allowed for the upstream to start answering after the request was sent
     */
    public record Timeouts(int connectMs, int responseMs) {
        public static Timeouts defaults() {
            return new Timeouts(2_000, 30_000);
        }
    }
}
