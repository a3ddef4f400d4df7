package io.tapline.api.http;

import io.tapline.store.QueryRejectedException;
import io.tapline.store.StoreUnavailableException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.HttpString;
import io.undertow.util.StatusCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

import java.util.Map;

/**
 * The API's one exception-to-response mapping, wrapped around every route: {@link ApiException} keeps its
 * status and message, {@link StoreUnavailableException} becomes 503, {@link QueryRejectedException} 400, a body
 * over the listener's limit 413, anything else a logged 500 whose body
 * says only "Internal error".
 */
public final class ErrorHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandler.class);

    static final String STORE_UNAVAILABLE = "Elasticsearch is unreachable";
    static final String INTERNAL_ERROR = "Internal error";
    static final String QUERY_REJECTED = "query has more words than can be searched at once; use fewer words";

    private final HttpHandler next;
    private final JsonResponses json;

    public ErrorHandler(HttpHandler next, JsonResponses json) {
        this.next = next;
        this.json = json;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        try {
            next.handleRequest(exchange);
        } catch (ApiException e) {
            respond(exchange, e.status(), e.getMessage(), e.headers());
        } catch (RequestTooBigException e) {
            // Undertow's own limit (the listener's MAX_ENTITY_SIZE) hit while a handler read the body.
            respond(exchange, StatusCodes.REQUEST_ENTITY_TOO_LARGE, "Request body is too large", Map.of());
        } catch (QueryRejectedException e) {
            // The store found the request too large to run (e.g. a full text of too many words): the caller's to fix.
            respond(exchange, StatusCodes.BAD_REQUEST, QUERY_REJECTED, Map.of());
        } catch (StoreUnavailableException e) {
            log.warn("{} {}: Elasticsearch unavailable: {}", exchange.getRequestMethod(),
                    UserInput.bounded(exchange.getRequestPath()), e.getMessage());
            respond(exchange, StatusCodes.SERVICE_UNAVAILABLE, STORE_UNAVAILABLE, Map.of());
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            log.error("{} {} failed", exchange.getRequestMethod(), UserInput.bounded(exchange.getRequestPath()), e);
            respond(exchange, StatusCodes.INTERNAL_SERVER_ERROR, INTERNAL_ERROR, Map.of());
        }
    }

    private void respond(HttpServerExchange exchange, int status, String message, Map<String, String> headers)
            throws Exception {
        if (exchange.isResponseStarted()) {
            // Too late for an error body; cutting the connection is the only honest signal left.
            log.warn("{} {}: error {} after the response started; closing the connection",
                    exchange.getRequestMethod(), UserInput.bounded(exchange.getRequestPath()), status);
            IoUtils.safeClose(exchange.getConnection());
            return;
        }
        exchange.getResponseHeaders().clear();
        headers.forEach((name, value) -> exchange.getResponseHeaders().put(HttpString.tryFromString(name), value));
        json.send(exchange, status, ErrorBody.of(status, message));
    }
}
