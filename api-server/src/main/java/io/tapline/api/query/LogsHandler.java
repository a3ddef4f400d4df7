package io.tapline.api.query;

import io.tapline.api.auth.AuthenticatingHandler;
import io.tapline.api.auth.Principal;
import io.tapline.api.http.JsonResponses;
import io.tapline.api.http.QueryParameters;
import io.tapline.schema.LogRecord;
import io.tapline.store.LogPage;
import io.tapline.store.LogQuery;
import io.tapline.store.SearchStore;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/proxy-logs/_logs}: validates the parameters, scopes the query to what the caller may read,
 * searches the store and renders each record. Blocks on the store, so it must run on a worker thread.
 */
public final class LogsHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(LogsHandler.class);

    private final SearchStore store;
    private final EntryRenderer renderer;
    private final JsonResponses json;

    public LogsHandler(SearchStore store, EntryRenderer renderer, JsonResponses json) {
        this.store = store;
        this.renderer = renderer;
        this.json = json;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        Principal principal = AuthenticatingHandler.principal(exchange);
        LogsParams params = LogsParams.parse(QueryParameters.parse(exchange.getQueryString()));
        Set<String> projects = ProjectScope.resolve(principal, params.projectId());

        LogPage page = store.search(new LogQuery(projects, params.limit(), params.offset()));

        List<Map<String, Object>> entries = new ArrayList<>(page.records().size());
        int outOfScope = 0;
        for (LogRecord record : page.records()) {
            // Defence in depth: a store bug must not become a cross-tenant leak.
            if (projects != null && !projects.contains(record.projectId())) {
                outOfScope++;
                continue;
            }
            entries.add(renderer.render(record, params.includeRequestBody(), params.includeResponseBody()));
        }
        if (outOfScope > 0) {
            log.error("store returned {} record(s) outside the queried projects; dropped them", outOfScope);
        }
        json.send(exchange, StatusCodes.OK, new LogsResponse(entries, page.total(), params.limit(), params.offset()));
    }
}
