package io.tapline.api.query;

import io.tapline.api.cursor.CursorKey;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the logs query pages, streams and signs: the afterId settle window, the admin fanout switch and its cursor
 * key, snapshot keep-alives and the export page size. Immutable; {@link Builder#build()} validates.
 *
 * @param settleWindow    records younger than this (by the time in their id) are held back from {@code afterId}
 *                        and {@code last} pages, so a record that becomes searchable late is never skipped
 * @param adminFanout     {@code LOGS_ADMIN_FANOUT}: honour the {@code cursor} parameter (admins only)
 * @param cursorKey       signs and verifies fanout cursors
 * @param cursorKeepAlive how long a fanout snapshot (and its cursor) lives after each page
 * @param exportKeepAlive how long a stream's snapshot lives after each page it reads
 * @param exportPageSize  records read per snapshot page while streaming (memory stays bounded by it)
 * @param clock           the time for settle bounds and cursor expiry
 */
public record QuerySettings(Duration settleWindow, boolean adminFanout, CursorKey cursorKey,
                            Duration cursorKeepAlive, Duration exportKeepAlive, int exportPageSize, Clock clock) {

    public static final Duration DEFAULT_SETTLE_WINDOW = Duration.ofSeconds(5);

    public QuerySettings {
        Objects.requireNonNull(cursorKey, "cursorKey");
        Objects.requireNonNull(clock, "clock");
        if (settleWindow == null || settleWindow.isNegative()) {
            throw new IllegalArgumentException("settleWindow must not be negative");
        }
        if (cursorKeepAlive == null || cursorKeepAlive.toMillis() < 1 || exportKeepAlive == null
                || exportKeepAlive.toMillis() < 1) {
            throw new IllegalArgumentException("snapshot keep-alives must be at least 1 ms");
        }
        if (exportPageSize < 1 || exportPageSize > 10_000) {
            throw new IllegalArgumentException("exportPageSize must be between 1 and 10000");
        }
    }

    /** The defaults: 5 s settle window, fanout off, a random cursor key, 5 min / 1 min keep-alives, 500 per page. */
    public static QuerySettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects settings; unset ones keep their defaults. */
    public static final class Builder {
        private Duration settleWindow = DEFAULT_SETTLE_WINDOW;
        private boolean adminFanout;
        private CursorKey cursorKey;
        private Duration cursorKeepAlive = Duration.ofMinutes(5);
        private Duration exportKeepAlive = Duration.ofMinutes(1);
        private int exportPageSize = 500;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder settleWindow(Duration v) { this.settleWindow = v; return this; }
        public Builder adminFanout(boolean v) { this.adminFanout = v; return this; }
        public Builder cursorKey(CursorKey v) { this.cursorKey = v; return this; }
        public Builder cursorKeepAlive(Duration v) { this.cursorKeepAlive = v; return this; }
        public Builder exportKeepAlive(Duration v) { this.exportKeepAlive = v; return this; }
        public Builder exportPageSize(int v) { this.exportPageSize = v; return this; }
        public Builder clock(Clock v) { this.clock = v; return this; }

        public QuerySettings build() {
            return new QuerySettings(settleWindow, adminFanout, cursorKey == null ? CursorKey.random() : cursorKey,
                    cursorKeepAlive, exportKeepAlive, exportPageSize, clock);
        }
    }
}
