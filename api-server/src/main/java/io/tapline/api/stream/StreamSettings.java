package io.tapline.api.stream;

import java.time.Duration;

/**
 * How streams behave: the heartbeat interval (seed 004: 15 s) and each subscriber's queue bound, past which a
 * slow reader gets {@code event: dropped} instead of unbounded memory.
 */
public record StreamSettings(Duration heartbeat, int queueCapacity) {

    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);
    public static final int DEFAULT_QUEUE_CAPACITY = 1_024;

    public StreamSettings {
        if (heartbeat == null || heartbeat.toMillis() < 10) {
            throw new IllegalArgumentException("heartbeat must be at least 10 ms");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1");
        }
    }

    public static StreamSettings defaults() {
        return new StreamSettings(DEFAULT_HEARTBEAT, DEFAULT_QUEUE_CAPACITY);
    }
}
