package io.tapline.api.auth;

import com.nimbusds.jose.KeySourceException;
import io.tapline.api.http.ApiException;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Accepts {@code Authorization: Bearer <JWT>}. No such header: no principal (another authenticator may find
 * one). A bearer token that does not verify: a 401 saying why, in terms the token's holder can act on. Keys
 * that cannot be fetched from the JWKS URL: 503, since the caller did nothing wrong.
 */
public final class JwtAuthenticator implements Authenticator {

    private static final Logger log = LoggerFactory.getLogger(JwtAuthenticator.class);
    private static final String BEARER = "bearer ";

    private final JwtVerifier verifier;

    public JwtAuthenticator(JwtVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Optional<Principal> authenticate(HttpServerExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (authorization == null) {
            return Optional.empty();
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            // Basic and friends are not ours to judge; with no other credential the request ends in a 401.
            return Optional.empty();
        }
        String token = authorization.substring(BEARER.length()).trim();
        if (token.isEmpty()) {
            throw ApiException.invalidToken("Bearer token is empty");
        }
        try {
            return Optional.of(verifier.verify(token));
        } catch (JwtVerifier.TokenRejectedException e) {
            throw ApiException.invalidToken(e.getMessage());
        } catch (KeySourceException e) {
            log.warn("JWT keys could not be fetched: {}", e.getMessage());
            throw ApiException.serviceUnavailable("Token signing keys are unavailable; try again later");
        }
    }
}
