package io.tapline.api.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dispatches on exact path and method; an unknown path throws a 404, a known path with another method a 405
 * listing the allowed methods. Immutable once built.
 */
public final class Router implements HttpHandler {

    private final Map<String, Map<HttpString, HttpHandler>> routes;

    private Router(Map<String, Map<HttpString, HttpHandler>> routes) {
        this.routes = routes;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRelativePath();
        Map<HttpString, HttpHandler> byMethod = routes.get(path);
        if (byMethod == null) {
            throw ApiException.notFound("No endpoint at " + UserInput.bounded(path));
        }
        HttpHandler handler = byMethod.get(exchange.getRequestMethod());
        if (handler == null) {
            throw ApiException.methodNotAllowed(exchange.getRequestMethod().toString(), path,
                    byMethod.keySet().stream().map(HttpString::toString).sorted().toList());
        }
        handler.handleRequest(exchange);
    }

    /** Collects routes; a path and method may be registered once. */
    public static final class Builder {
        private final Map<String, Map<HttpString, HttpHandler>> routes = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder get(String path, HttpHandler handler) {
            return route(Methods.GET, path, handler);
        }

        public Builder route(HttpString method, String path, HttpHandler handler) {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/': " + path);
            }
            HttpHandler previous = routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).putIfAbsent(method, handler);
            if (previous != null) {
                throw new IllegalArgumentException("duplicate route " + method + " " + path);
            }
            return this;
        }

        public Router build() {
            Map<String, Map<HttpString, HttpHandler>> copy = new LinkedHashMap<>();
            routes.forEach((path, byMethod) -> copy.put(path, Map.copyOf(byMethod)));
            return new Router(Map.copyOf(copy));
        }
    }
}
