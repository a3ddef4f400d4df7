package io.tapline.sdk.stream;

import java.time.Duration;

/**
 * Told to {@link StreamOptions#onDisconnect()} each time the stream lost its connection and is about to
 * reconnect on its own.
 *
 * @param reason      what happened, one line
 * @param cause       the failure, or null when the server simply ended the response
 * @param retryIn     how long the stream waits before reconnecting
 * @param attempt     1 for the first reconnect after a working connection, then 2, 3, …
 * @param lastEventId the id the reconnect resumes after, null when it starts live
 */
public record Disconnect(String reason, Throwable cause, Duration retryIn, int attempt, Long lastEventId) {
}
