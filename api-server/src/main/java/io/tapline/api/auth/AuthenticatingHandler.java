package io.tapline.api.auth;

import io.tapline.api.http.ApiException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

/**
 * Decorator that lets a request through only with a credential its listener's {@link Authenticator} accepts,
 * attaching the resolved {@link Principal} for the handler; otherwise 401.
 */
public final class AuthenticatingHandler implements HttpHandler {

    private static final AttachmentKey<Principal> PRINCIPAL = AttachmentKey.create(Principal.class);

    private final Authenticator authenticator;
    private final HttpHandler next;

    public AuthenticatingHandler(Authenticator authenticator, HttpHandler next) {
        this.authenticator = authenticator;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        Principal principal = authenticator.authenticate(exchange).orElseThrow(ApiException::unauthorized);
        exchange.putAttachment(PRINCIPAL, principal);
        next.handleRequest(exchange);
    }

    /** The principal this decorator attached; a handler behind it can rely on one being there. */
    public static Principal principal(HttpServerExchange exchange) {
        Principal principal = exchange.getAttachment(PRINCIPAL);
        if (principal == null) {
            throw new IllegalStateException("handler is not behind an AuthenticatingHandler");
        }
        return principal;
    }
}
