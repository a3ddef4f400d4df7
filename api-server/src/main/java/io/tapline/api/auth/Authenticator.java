package io.tapline.api.auth;

import io.undertow.server.HttpServerExchange;

import java.util.Optional;

/**
 * Resolves a request's credential to a {@link Principal}: the admin token, API keys and bearer JWTs each have
 * one; {@link Credentials} picks between them and {@link ListenerGate} decides what each listener admits.
 */
@FunctionalInterface
public interface Authenticator {

    /**
     * The caller behind {@code exchange}, or empty when it carries no credential this authenticator accepts.
     * May throw {@link io.tapline.api.http.ApiException} for a more specific refusal.
     */
    Optional<Principal> authenticate(HttpServerExchange exchange);

    /** Accepts no credential at all. */
    static Authenticator none() {
        return exchange -> Optional.empty();
    }

    /** Tries this authenticator, then {@code other} when this one found no principal. */
    default Authenticator or(Authenticator other) {
        return exchange -> {
            Optional<Principal> principal = authenticate(exchange);
            return principal.isPresent() ? principal : other.authenticate(exchange);
        };
    }
}
