package io.tapline.sdk;

import java.time.Duration;
import java.util.Optional;

/** The caller's rate limit is used up (429); {@link #retryAfter()} says when to try again. */
public class RateLimitedException extends TaplineApiException {

    private final Duration retryAfter;

    public RateLimitedException(String error, String message, String body, Duration retryAfter) {
        super(429, error, message, body);
        this.retryAfter = retryAfter;
    }

    /** The server's {@code Retry-After}, when it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
