package io.tapline.api.http;

import io.undertow.util.StatusCodes;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * A request that ends in an error response: its status, a message safe to show the caller, and any extra
 * headers. Handlers throw it; {@link ErrorHandler} is the one place that turns it into a response body.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final Map<String, String> headers;

    public ApiException(int status, String message) {
        this(status, message, Map.of());
    }

    public ApiException(int status, String message, Map<String, String> headers) {
        // Control flow, not a fault: no stack trace to fill in.
        super(Objects.requireNonNull(message, "message"), null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be a 4xx or 5xx code, got " + status);
        }
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(StatusCodes.BAD_REQUEST, message);
    }

    /** What every 401 carries, so that a client knows a bearer token (or an API key) is what is asked for. */
    static final String BEARER_CHALLENGE = "Bearer realm=\"tapline\"";

    /**
     * The 401 for a request without an accepted credential. Its message never says whether a credential was
     * missing or wrong, nor whether an API key id exists.
     */
    public static ApiException unauthorized() {
        return new ApiException(StatusCodes.UNAUTHORIZED, "Missing or invalid credential",
                Map.of("WWW-Authenticate", BEARER_CHALLENGE));
    }

    /**
     * The 401 for a bearer token that was presented but refused, with a reason the token's holder can act on
     * ("Bearer token has expired"); {@code reason} must never carry key material or server configuration.
     */
    public static ApiException invalidToken(String reason) {
        return new ApiException(StatusCodes.UNAUTHORIZED, reason,
                Map.of("WWW-Authenticate", BEARER_CHALLENGE + ", error=\"invalid_token\""));
    }

    public static ApiException forbidden(String message) {
        return new ApiException(StatusCodes.FORBIDDEN, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(StatusCodes.NOT_FOUND, message);
    }

    /** A 405 carrying the {@code Allow} header listing the methods the path does accept. */
    public static ApiException methodNotAllowed(String method, String path, Collection<String> allowed) {
        return new ApiException(StatusCodes.METHOD_NOT_ALLOWED,
                "Method " + UserInput.bounded(method) + " is not allowed on " + UserInput.bounded(path),
                Map.of("Allow", String.join(", ", allowed)));
    }

    public static ApiException payloadTooLarge(long maxBytes) {
        return new ApiException(StatusCodes.REQUEST_ENTITY_TOO_LARGE,
                "Request body is larger than " + maxBytes + " bytes");
    }

    public static ApiException serviceUnavailable(String message) {
        return new ApiException(StatusCodes.SERVICE_UNAVAILABLE, message);
    }

    public int status() {
        return status;
    }

    /** Extra response headers, e.g. {@code Allow} on a 405. */
    public Map<String, String> headers() {
        return headers;
    }
}
