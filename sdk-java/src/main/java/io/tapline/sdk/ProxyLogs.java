package io.tapline.sdk;

/** Seed 004's proxy-logs API group; {@link #logs()} holds its calls. */
public final class ProxyLogs {

    private final Logs logs;

    ProxyLogs(Logs logs) {
        this.logs = logs;
    }

    /** {@code /api/proxy-logs/_logs}: query, auto-paging, stats and the live tail. */
    public Logs logs() {
        return logs;
    }
}
