package io.tapline.cli.client;

import io.tapline.sdk.logs.LogEntry;

/** How entries look on a terminal: one line each, coloured by level and status when colour is on. */
final class EntryFormat {

    private static final String RESET = "\u001B[0m";

    private final boolean colour;

    EntryFormat(boolean colour) {
        this.colour = colour;
    }

    /** {@code <time> <LEVEL> <kind> <what> [service project/container] trace=<id>}. */
    String line(LogEntry e) {
        StringBuilder sb = new StringBuilder(160);
        sb.append(e.tsIso() != null ? e.tsIso() : Long.toString(e.tsMs())).append(' ');
        sb.append(paint(levelColour(e.level()), pad(upper(e.level()), 5))).append(' ');
        sb.append(pad(e.kind(), 8)).append(' ');
        sb.append(what(e, true));
        String where = where(e);
        if (!where.isEmpty()) {
            sb.append("  ").append(paint("2", where));
        }
        if (e.traceId() != null) {
            sb.append(paint("2", " trace=" + e.traceId()));
        }
        return sb.toString();
    }

    /** The request line, the response's status and latency, or the event's action and message. */
    String what(LogEntry e, boolean withStatus) {
        StringBuilder sb = new StringBuilder();
        if ("event".equals(e.kind())) {
            sb.append(e.action() == null ? "event" : e.action());
            if (e.message() != null) {
                sb.append(": ").append(e.message());
            }
            return sb.toString();
        }
        if (e.method() != null) {
            sb.append(e.method()).append(' ');
        }
        sb.append(e.url() == null ? "" : e.url());
        if (withStatus && e.status() != null) {
            sb.append(' ').append(paint(statusColour(e.status()), e.status().toString()));
        }
        if (withStatus && e.data().durationMs() != null) {
            sb.append(' ').append(e.data().durationMs()).append("ms");
        }
        return sb.toString();
    }

    private static String where(LogEntry e) {
        StringBuilder sb = new StringBuilder();
        if (e.serviceName() != null) {
            sb.append(e.serviceName());
        }
        if (e.projectId() != null || e.containerId() != null) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(e.projectId() == null ? "-" : e.projectId());
            if (e.containerId() != null) {
                sb.append('/').append(e.containerId());
            }
        }
        return sb.toString();
    }

    String paint(String code, String text) {
        return colour && code != null ? "\u001B[" + code + "m" + text + RESET : text;
    }

    static String levelColour(String level) {
        if (level == null) {
            return null;
        }
        return switch (level) {
            case "debug" -> "2";
            case "info" -> "36";
            case "warn" -> "33";
            case "error" -> "31";
            case "critical" -> "1;31";
            default -> null;
        };
    }

    static String statusColour(int status) {
        return status >= 500 ? "31" : status >= 400 ? "33" : status >= 300 ? "36" : "32";
    }

    static String upper(String s) {
        return s == null ? "-" : s.toUpperCase(java.util.Locale.ROOT);
    }

    static String pad(String s, int width) {
        String v = s == null ? "-" : s;
        return v.length() >= width ? v : v + " ".repeat(width - v.length());
    }
}
