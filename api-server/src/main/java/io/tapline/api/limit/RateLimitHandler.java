package io.tapline.api.limit;

import io.tapline.api.auth.AuthenticatingHandler;
import io.tapline.api.http.ApiException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.util.StatusCodes;

/**
 * Decorator that charges each request to its principal's bucket for one endpoint group: 429 with the group's
 * message and the four seed-001 headers when it is empty, otherwise the {@code X-RateLimit-*} headers on the
 * response. Sits behind the {@link AuthenticatingHandler}, so the bucket is the caller's, not the address's.
 */
public final class RateLimitHandler implements HttpHandler {

    private final RateLimiter limiter;
    private final EndpointGroup group;
    private final HttpHandler next;

    public RateLimitHandler(RateLimiter limiter, EndpointGroup group, HttpHandler next) {
        this.limiter = limiter;
        this.group = group;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        RateDecision decision = limiter.tryAcquire(AuthenticatingHandler.principal(exchange), group);
        if (!decision.allowed()) {
            throw new ApiException(StatusCodes.TOO_MANY_REQUESTS, group.message(), decision.headers());
        }
        decision.headers().forEach((name, value) -> exchange.getResponseHeaders().put(new HttpString(name), value));
        next.handleRequest(exchange);
    }
}
