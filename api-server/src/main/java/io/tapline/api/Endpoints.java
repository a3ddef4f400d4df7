package io.tapline.api;

import io.tapline.api.auth.AdminOnlyHandler;
import io.tapline.api.auth.AuthenticatingHandler;
import io.tapline.api.auth.Authenticator;
import io.tapline.api.http.ErrorHandler;
import io.tapline.api.http.JsonResponses;
import io.tapline.api.http.Router;
import io.tapline.api.keys.ApiKeysEndpoint;
import io.tapline.api.limit.EndpointGroup;
import io.tapline.api.limit.RateLimitHandler;
import io.tapline.api.limit.RateLimiter;
import io.tapline.api.openapi.ApiCatalog;
import io.tapline.api.openapi.OpenApiHandler;
import io.tapline.api.query.LogsHandler;
import io.tapline.api.stats.AggregateRoutes;
import io.tapline.api.status.StatusHandler;
import io.tapline.api.status.VersionHandler;
import io.tapline.store.SearchStore;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.BlockingHandler;

import java.util.function.Supplier;

/** Assembles one listener's handler chain: the same routes on both listeners, each with its own authenticator. */
final class Endpoints {

    static final String STATUS = "/api/status";
    static final String VERSION = "/api/version";
    static final String LOGS = "/api/proxy-logs/_logs";
    static final String STREAM = "/api/proxy-logs/_logs/stream";
    static final String METRICS = "/metrics";

    private Endpoints() {
    }

    /**
     * @param metrics    Prometheus text for {@code /metrics}, served only where non-null (the admin listener);
     *                   it carries aggregate counters, never tenant data
     * @param aggregates stats, histogram and inventories, routed only where non-null
     */
    static HttpHandler rootHandler(Authenticator authenticator, SearchStore store, LogsHandler logs,
                                   String version, JsonResponses json, Supplier<String> metrics,
                                   ApiKeysEndpoint keys, RateLimiter limiter, HttpHandler stream,
                                   AggregateRoutes aggregates) {
        Router.Builder routes = Router.builder()
                .get(STATUS, new StatusHandler(store, json))
                .get(VERSION, new VersionHandler(version, json))
                .get(ApiCatalog.OPENAPI_PATH, new OpenApiHandler(version))
                .get(LOGS, limited(authenticator, limiter, EndpointGroup.SEARCH, logs))
                .get(STREAM, limited(authenticator, limiter, EndpointGroup.STREAM, stream));
        if (aggregates != null) {
            aggregates.byPath().forEach((path, handler) ->
                    routes.get(path, limited(authenticator, limiter, EndpointGroup.STATS, handler)));
        }
        if (keys != null) {
            // On both listeners, so that a tenant gets a clear 403 rather than a 404; only admins pass.
            routes.post(ApiKeysEndpoint.PATH, adminOnly(authenticator, keys.create()))
                    .get(ApiKeysEndpoint.PATH, adminOnly(authenticator, keys.list()))
                    .delete(ApiKeysEndpoint.KEY_PATH, adminOnly(authenticator, keys.revoke()));
        }
        if (metrics != null) {
            routes.get(METRICS, exchange -> {
                exchange.getResponseHeaders().put(io.undertow.util.Headers.CONTENT_TYPE, "text/plain; version=0.0.4");
                exchange.getResponseSender().send(metrics.get());
            });
        }
        Router router = routes.build();
        // Dispatch before the error mapping, not after: an exception thrown in a dispatched task would
        // otherwise bypass it. The routes are cheap enough that running them all on a worker costs nothing.
        return new BlockingHandler(new ErrorHandler(router, json));
    }

    /** Authenticates, then charges the caller's bucket for {@code group} before {@code handler} runs. */
    private static HttpHandler limited(Authenticator authenticator, RateLimiter limiter, EndpointGroup group,
                                       HttpHandler handler) {
        return new AuthenticatingHandler(authenticator, new RateLimitHandler(limiter, group, handler));
    }

    private static HttpHandler adminOnly(Authenticator authenticator, HttpHandler handler) {
        return new AuthenticatingHandler(authenticator, new AdminOnlyHandler(handler));
    }
}
