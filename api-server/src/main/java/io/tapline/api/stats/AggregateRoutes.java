package io.tapline.api.stats;

import io.tapline.api.histogram.HistogramHandler;
import io.tapline.api.http.JsonResponses;
import io.tapline.api.inventory.InventoryHandler;
import io.tapline.api.inventory.InventoryKind;
import io.tapline.store.aggregate.AggregateStore;
import io.undertow.server.HttpHandler;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The four counting endpoints over one {@link AggregateStore}, by path: stats, histogram and the two inventories.
 * They share the {@code stats} rate-limit group; the server wraps each in authentication and that limit.
 */
public final class AggregateRoutes {

    public static final String STATS = "/api/proxy-logs/_logs/stats";
    public static final String HISTOGRAM = "/api/proxy-logs/_logs/histogram";
    public static final String CONTAINERS = "/api/proxy-logs/_logs/containers";
    public static final String SERVICES = "/api/proxy-logs/_logs/services";

    private final Map<String, HttpHandler> byPath;

    private AggregateRoutes(Map<String, HttpHandler> byPath) {
        this.byPath = Map.copyOf(byPath);
    }

    /** @param clock "now", where a histogram's range ends by default */
    public static AggregateRoutes of(AggregateStore store, JsonResponses json, Clock clock) {
        Map<String, HttpHandler> routes = new LinkedHashMap<>();
        routes.put(STATS, new StatsHandler(store, json));
        routes.put(HISTOGRAM, new HistogramHandler(store, json, clock));
        routes.put(CONTAINERS, new InventoryHandler(InventoryKind.CONTAINERS, store, json));
        routes.put(SERVICES, new InventoryHandler(InventoryKind.SERVICES, store, json));
        return new AggregateRoutes(routes);
    }

    /** Path to handler, each answering GET. */
    public Map<String, HttpHandler> byPath() {
        return byPath;
    }
}
