package io.tapline.api.auth;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Accepts the admin token ({@code TAPLINE_ADMIN_TOKEN}) sent as {@code X-API-Key} and grants the admin scope.
 * The comparison is constant-time.
 */
public final class AdminKeyAuthenticator implements Authenticator {

    public static final HttpString API_KEY_HEADER = HttpString.tryFromString("X-API-Key");

    private static final Principal ADMIN = Principal.admin("admin-token");

    private final byte[] expectedDigest;

    public AdminKeyAuthenticator(String adminToken) {
        if (adminToken == null || adminToken.isBlank()) {
            throw new IllegalArgumentException("adminToken must not be blank");
        }
        this.expectedDigest = sha256(adminToken);
    }

    @Override
    public Optional<Principal> authenticate(HttpServerExchange exchange) {
        String presented = exchange.getRequestHeaders().getFirst(API_KEY_HEADER);
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        // Comparing fixed-length digests keeps the time independent of both the content and the length.
        return MessageDigest.isEqual(sha256(presented), expectedDigest) ? Optional.of(ADMIN) : Optional.empty();
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
