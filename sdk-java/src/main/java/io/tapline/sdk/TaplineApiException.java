package io.tapline.sdk;

/**
 * The API answered with an error status and (normally) its error body {@code {"statusCode","error","message"}}.
 * Subclasses name the statuses a caller typically handles; {@link #of} picks the right one.
 */
public class TaplineApiException extends TaplineException {

    private final int statusCode;
    private final String error;
    private final String apiMessage;
    private final String body;

    public TaplineApiException(int statusCode, String error, String apiMessage, String body) {
        super(statusCode + " " + error + (apiMessage == null || apiMessage.isEmpty() ? "" : ": " + apiMessage));
        this.statusCode = statusCode;
        this.error = error;
        this.apiMessage = apiMessage;
        this.body = body;
    }

    /** The exception type for {@code statusCode}. */
    public static TaplineApiException of(int statusCode, String error, String message, String body,
                                         java.time.Duration retryAfter) {
        return switch (statusCode) {
            case 400 -> new BadRequestException(error, message, body);
            case 401 -> new UnauthorizedException(error, message, body);
            case 403 -> new ForbiddenException(error, message, body);
            case 404 -> new NotFoundException(error, message, body);
            case 410 -> new GoneException(error, message, body);
            case 429 -> new RateLimitedException(error, message, body, retryAfter);
            default -> new TaplineApiException(statusCode, error, message, body);
        };
    }

    /** The HTTP status (the body's {@code statusCode}). */
    public int statusCode() {
        return statusCode;
    }

    /** The body's {@code error}: the status's reason phrase, e.g. {@code Forbidden}. */
    public String error() {
        return error;
    }

    /** The body's {@code message}: what went wrong, in the server's words. */
    public String apiMessage() {
        return apiMessage;
    }

    /** The response body as received (possibly empty, or not JSON when a proxy in between answered). */
    public String body() {
        return body;
    }

    /** True for statuses worth retrying as they are: 429 and the 5xx a restart or overload causes. */
    public boolean retryable() {
        return statusCode == 429 || statusCode == 502 || statusCode == 503 || statusCode == 504;
    }
}
