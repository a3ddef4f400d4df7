package io.tapline.api.stats;

import io.tapline.api.auth.AuthenticatingHandler;
import io.tapline.api.http.JsonResponses;
import io.tapline.api.http.QueryParameters;
import io.tapline.api.params.ParameterReader;
import io.tapline.api.query.FilterParameters;
import io.tapline.api.query.FilterRequest;
import io.tapline.store.aggregate.AggregateStore;
import io.tapline.store.aggregate.LogStats;
import io.tapline.store.filter.LogFilter;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;

/**
 * {@code GET /api/proxy-logs/_logs/stats}: the logs query's filters, scoped to the caller exactly as the search
 * is, counted by the {@link AggregateStore}. Blocks on the store, so it runs on a worker thread.
 */
public final class StatsHandler implements HttpHandler {

    private final AggregateStore store;
    private final JsonResponses json;

    public StatsHandler(AggregateStore store, JsonResponses json) {
        this.store = store;
        this.json = json;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        ParameterReader reader = new ParameterReader(QueryParameters.parse(exchange.getQueryString()),
                StatsParameters.ALL, "the log statistics");
        FilterRequest request = FilterParameters.parse(reader);
        int top = reader.integer(StatsParameters.TOP).intValue();
        LogFilter filter = request.scopedTo(AuthenticatingHandler.principal(exchange));
        LogStats stats = store.stats(filter, top);
        ScopeCheck.projects(filter, stats.byProject().top().keySet());
        json.send(exchange, StatusCodes.OK, StatsResponse.of(stats));
    }
}
