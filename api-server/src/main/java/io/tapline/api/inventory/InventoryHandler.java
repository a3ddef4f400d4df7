package io.tapline.api.inventory;

import io.tapline.api.auth.AuthenticatingHandler;
import io.tapline.api.http.JsonResponses;
import io.tapline.api.http.QueryParameters;
import io.tapline.api.params.ParameterReader;
import io.tapline.api.query.FilterParameters;
import io.tapline.api.query.FilterRequest;
import io.tapline.api.stats.ScopeCheck;
import io.tapline.store.aggregate.AggregateStore;
import io.tapline.store.aggregate.Inventory;
import io.tapline.store.aggregate.InventoryItem;
import io.tapline.store.filter.LogFilter;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;

/**
 * {@code GET /api/proxy-logs/_logs/containers} or {@code /_logs/services}: the logs query's filters, scoped to the
 * caller exactly as the search is, grouped by container or service. Blocks on the store, so it runs on a worker.
 */
public final class InventoryHandler implements HttpHandler {

    private final InventoryKind kind;
    private final AggregateStore store;
    private final JsonResponses json;

    public InventoryHandler(InventoryKind kind, AggregateStore store, JsonResponses json) {
        this.kind = kind;
        this.store = store;
        this.json = json;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        ParameterReader reader = new ParameterReader(QueryParameters.parse(exchange.getQueryString()),
                InventoryParameters.ALL, kind.endpointName());
        FilterRequest request = FilterParameters.parse(reader);
        int limit = reader.integer(InventoryParameters.LIMIT).intValue();
        LogFilter filter = request.scopedTo(AuthenticatingHandler.principal(exchange));
        Inventory inventory = store.inventory(kind.dimension(), filter, limit);
        for (InventoryItem item : inventory.items()) {
            ScopeCheck.projects(filter, item.projectIds());
        }
        json.send(exchange, StatusCodes.OK, InventoryResponse.of(kind, inventory));
    }
}
