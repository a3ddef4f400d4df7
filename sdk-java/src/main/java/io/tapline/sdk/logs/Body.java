package io.tapline.sdk.logs;

/**
 * A captured request or response body, present in an entry only when the query asked for it.
 *
 * @param content     the (redacted, possibly truncated) text
 * @param truncated   true when the proxy kept only the first bytes
 * @param contentType the body's media type, when known
 */
public record Body(String content, boolean truncated, String contentType) {
}
