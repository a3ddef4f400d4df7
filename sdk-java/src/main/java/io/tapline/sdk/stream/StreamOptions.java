package io.tapline.sdk.stream;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a {@link LogStream} behaves on the client side: reconnecting (on by default, with exponential backoff),
 * the idle timeout that detects a silently dead connection (the server sends a heartbeat every 15 s), whether
 * heartbeats are delivered as frames, and how many frames it buffers before it stops reading the socket.
 *
 * @param reconnect      reconnect with {@code Last-Event-ID} when the connection drops (default true)
 * @param initialBackoff the first wait before reconnecting (default 250 ms); doubles per failed attempt
 * @param maxBackoff     the longest wait between attempts (default 15 s); a server's {@code Retry-After} wins
 * @param idleTimeout    reconnect when nothing, not even a heartbeat, arrived for this long (default 45 s);
 *                       zero disables it
 * @param heartbeats     deliver {@code :} heartbeats as {@link StreamFrame.Type#HEARTBEAT} frames (default false)
 * @param bufferFrames   frames read ahead of the consumer before the socket is paused (default 1,024)
 * @param onDisconnect   told about each reconnect, e.g. to print it; default does nothing
 * @param retryFirstConnect keep trying when the very first connection fails (default false: a wrong URL or a
 *                       server that is down is reported at once; later losses are always retried)
 */
public record StreamOptions(boolean reconnect, Duration initialBackoff, Duration maxBackoff, Duration idleTimeout,
                            boolean heartbeats, int bufferFrames, Consumer<Disconnect> onDisconnect,
                            boolean retryFirstConnect) {

    public StreamOptions {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(onDisconnect, "onDisconnect");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= initialBackoff <= maxBackoff");
        }
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idleTimeout must not be negative");
        }
        if (bufferFrames < 1) {
            throw new IllegalArgumentException("bufferFrames must be at least 1");
        }
    }

    public static StreamOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects {@link StreamOptions}; {@link #build()} validates. */
    public static final class Builder {
        private boolean reconnect = true;
        private Duration initialBackoff = Duration.ofMillis(250);
        private Duration maxBackoff = Duration.ofSeconds(15);
        private Duration idleTimeout = Duration.ofSeconds(45);
        private boolean heartbeats;
        private int bufferFrames = 1_024;
        private Consumer<Disconnect> onDisconnect = d -> { };
        private boolean retryFirstConnect;

        private Builder() {
        }

        public Builder reconnect(boolean reconnect) {
            this.reconnect = reconnect;
            return this;
        }

        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        public Builder heartbeats(boolean heartbeats) {
            this.heartbeats = heartbeats;
            return this;
        }

        public Builder bufferFrames(int bufferFrames) {
            this.bufferFrames = bufferFrames;
            return this;
        }

        public Builder onDisconnect(Consumer<Disconnect> onDisconnect) {
            this.onDisconnect = onDisconnect;
            return this;
        }

        public Builder retryFirstConnect(boolean retryFirstConnect) {
            this.retryFirstConnect = retryFirstConnect;
            return this;
        }

        public StreamOptions build() {
            return new StreamOptions(reconnect, initialBackoff, maxBackoff, idleTimeout, heartbeats, bufferFrames,
                    onDisconnect, retryFirstConnect);
        }
    }
}
