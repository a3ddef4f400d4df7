package io.tapline.api.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dispatches on path and method; an unknown path throws a 404, a known path with another method a 405 listing
 * the allowed methods. A path is either exact ({@code /api/keys}) or a template whose segments in braces match
 * any one non-empty segment ({@code /api/keys/{id}}); exact paths win. Immutable once built.
 */
public final class Router implements HttpHandler {

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final AttachmentKey<Map<String, String>> PATH_PARAMETERS =
            (AttachmentKey<Map<String, String>>) (AttachmentKey) AttachmentKey.create(Map.class);

    private final Map<String, Map<HttpString, HttpHandler>> exact;
    private final List<PathTemplate> templates;

    private Router(Map<String, Map<HttpString, HttpHandler>> exact, List<PathTemplate> templates) {
        this.exact = exact;
        this.templates = templates;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRelativePath();
        Map<HttpString, HttpHandler> byMethod = exact.get(path);
        if (byMethod == null) {
            for (PathTemplate template : templates) {
                Map<String, String> parameters = template.match(path);
                if (parameters != null) {
                    exchange.putAttachment(PATH_PARAMETERS, parameters);
                    byMethod = template.byMethod();
                    break;
                }
            }
        }
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

    /**
     * The raw (not percent-decoded) segment the route's template named {@code name}; handlers validate it.
     *
     * @throws IllegalStateException when the route has no such parameter (a routing bug, not a client error)
     */
    public static String pathParameter(HttpServerExchange exchange, String name) {
        Map<String, String> parameters = exchange.getAttachment(PATH_PARAMETERS);
        String value = parameters == null ? null : parameters.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no path parameter {" + name + "}");
        }
        return value;
    }

    /** Collects routes; a path and method may be registered once. */
    public static final class Builder {
        private final Map<String, Map<HttpString, HttpHandler>> routes = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder get(String path, HttpHandler handler) {
            return route(Methods.GET, path, handler);
        }

        public Builder post(String path, HttpHandler handler) {
            return route(Methods.POST, path, handler);
        }

        public Builder delete(String path, HttpHandler handler) {
            return route(Methods.DELETE, path, handler);
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
            Map<String, Map<HttpString, HttpHandler>> exact = new LinkedHashMap<>();
            List<PathTemplate> templates = new java.util.ArrayList<>();
            routes.forEach((path, byMethod) -> {
                if (PathTemplate.isTemplate(path)) {
                    templates.add(PathTemplate.of(path, Map.copyOf(byMethod)));
                } else {
                    exact.put(path, Map.copyOf(byMethod));
                }
            });
            return new Router(Map.copyOf(exact), List.copyOf(templates));
        }
    }
}
