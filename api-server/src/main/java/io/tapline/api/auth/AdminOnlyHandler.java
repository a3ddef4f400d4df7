package io.tapline.api.auth;

import io.tapline.api.http.ApiException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** Decorator, behind an {@link AuthenticatingHandler}, for endpoints only an admin may call (API keys): 403 otherwise. */
public final class AdminOnlyHandler implements HttpHandler {

    static final String FORBIDDEN = "This endpoint requires an admin credential";

    private final HttpHandler next;

    public AdminOnlyHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (!AuthenticatingHandler.principal(exchange).admin()) {
            throw ApiException.forbidden(FORBIDDEN);
        }
        next.handleRequest(exchange);
    }
}
