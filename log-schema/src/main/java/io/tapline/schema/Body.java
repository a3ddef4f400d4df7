package io.tapline.schema;

import java.util.Objects;

/**
 * A captured HTTP body: at most the route's cap of its text, already redacted.
 *
 * @param content     the captured text (never more than the cap)
 * @param truncated   true when the body was longer than what was captured
 * @param contentType the body's media type, as sent, or null
 */
public record Body(String content, boolean truncated, String contentType) {
    public Body {
        Objects.requireNonNull(content, "content");
    }
}
