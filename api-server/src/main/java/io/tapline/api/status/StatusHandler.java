package io.tapline.api.status;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tapline.api.http.ApiException;
import io.tapline.api.http.JsonResponses;
import io.tapline.store.SearchStore;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;

/**
 * {@code GET /api/status}: 200 {@code {"status":"ok","elasticsearch":"up"}} while the store answers, 503
 * otherwise. Blocks on the store, so it must run on a worker thread.
 */
public final class StatusHandler implements HttpHandler {

    private static final Status OK = new Status("ok", "up");

    private final SearchStore store;
    private final JsonResponses json;

    public StatusHandler(SearchStore store, JsonResponses json) {
        this.store = store;
        this.json = json;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (!store.isAvailable()) {
            throw ApiException.serviceUnavailable("Elasticsearch is unreachable");
        }
        json.send(exchange, StatusCodes.OK, OK);
    }

    @JsonPropertyOrder({"status", "elasticsearch"})
    public record Status(String status, String elasticsearch) {
    }
}
