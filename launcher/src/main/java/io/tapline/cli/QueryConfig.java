package io.tapline.cli;

import io.tapline.api.cursor.CursorKey;
import io.tapline.api.query.QuerySettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The logs query's settings from the environment: {@code LOGS_ADMIN_FANOUT} (seed 004's switch for the admin
 * fanout cursor, default off), {@code TAPLINE_CURSOR_KEY} (base64, at least 32 bytes; default a key generated
 * into {@code <data dir>/cursor-key}) and {@code TAPLINE_SETTLE_MS} (the afterId settle window, default 5000).
 *
 * @param adminFanout true when {@code LOGS_ADMIN_FANOUT=true}
 * @param cursorKey   the base64 key from the environment, or null to use the data directory's
 * @param settleMs    the settle window in milliseconds
 */
record QueryConfig(boolean adminFanout, String cursorKey, long settleMs) {

    static QueryConfig fromEnvironment(Map<String, String> env) {
        String fanout = env.getOrDefault("LOGS_ADMIN_FANOUT", "").trim().toLowerCase(Locale.ROOT);
        if (!fanout.isEmpty() && !fanout.equals("true") && !fanout.equals("false")) {
            throw new ConfigException("LOGS_ADMIN_FANOUT must be true or false");
        }
        String key = env.get("TAPLINE_CURSOR_KEY");
        String settle = env.getOrDefault("TAPLINE_SETTLE_MS", "").trim();
        long settleMs = QuerySettings.DEFAULT_SETTLE_WINDOW.toMillis();
        if (!settle.isEmpty()) {
            try {
                settleMs = Long.parseLong(settle);
            } catch (NumberFormatException e) {
                settleMs = -1;
            }
            if (settleMs < 0 || settleMs > 600_000) {
                throw new ConfigException("TAPLINE_SETTLE_MS must be an integer between 0 and 600000");
            }
        }
        return new QueryConfig(fanout.equals("true"), key == null || key.isBlank() ? null : key, settleMs);
    }

    /** The API's query settings; reads or creates {@code <dataDir>/cursor-key} when no key is configured. */
    QuerySettings settings(Path dataDir) {
        CursorKey key;
        try {
            key = cursorKey != null ? CursorKey.fromBase64(cursorKey) : CursorKey.loadOrCreate(dataDir.resolve("cursor-key"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        return QuerySettings.builder().adminFanout(adminFanout).cursorKey(key)
                .settleWindow(Duration.ofMillis(settleMs)).build();
    }
}
