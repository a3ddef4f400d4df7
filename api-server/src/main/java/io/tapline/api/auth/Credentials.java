package io.tapline.api.auth;

/**
 * Which credential a request is judged by. A request that sends {@code X-API-Key} is judged by that key alone,
 * and one without it by its bearer token: a wrong key is a 401 even when a valid token rides along, so that a
 * client never works by accident with a credential it did not mean to use.
 */
public final class Credentials {

    private Credentials() {
    }

    /**
     * @param keys   resolves {@code X-API-Key} (the admin token, API keys)
     * @param bearer resolves {@code Authorization: Bearer}
     */
    public static Authenticator keyOrBearer(Authenticator keys, Authenticator bearer) {
        return exchange -> exchange.getRequestHeaders().contains(AdminKeyAuthenticator.API_KEY_HEADER)
                ? keys.authenticate(exchange)
                : bearer.authenticate(exchange);
    }
}
