package io.tapline.api.keys;

import io.tapline.api.auth.AdminKeyAuthenticator;
import io.tapline.api.auth.Authenticator;
import io.tapline.api.auth.Principal;
import io.undertow.server.HttpServerExchange;

import java.util.Optional;

/** Accepts an API key created through {@code POST /api/keys}, sent as {@code X-API-Key}. */
public final class ApiKeyAuthenticator implements Authenticator {

    private final ApiKeys keys;

    public ApiKeyAuthenticator(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public Optional<Principal> authenticate(HttpServerExchange exchange) {
        String presented = exchange.getRequestHeaders().getFirst(AdminKeyAuthenticator.API_KEY_HEADER);
        return presented == null ? Optional.empty() : keys.authenticate(presented);
    }
}
