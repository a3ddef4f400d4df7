package io.tapline.enrich;

import java.util.Locale;

/**
 * Decides {@code log.level}: exchanges are graded by status and duration, events keep the level they came with
 * (or the one their service log line states), always spelled as one of debug, info, warn, error, critical.
 */
final class LevelRules {
    static final String DEBUG = "debug";
    static final String INFO = "info";
    static final String WARN = "warn";
    static final String ERROR = "error";
    static final String CRITICAL = "critical";

    private LevelRules() {
    }

    /**
     * The canonical level for a name in any case, with the aliases services use (seed 003's mapping, the same as
     * the record schema's): trace→debug, notice/information→info, warning→warn, err→error,
     * fatal/crit/emergency/alert→critical. Null for anything else.
     */
    static String canonical(String name) {
        if (name == null || name.isEmpty() || name.length() > 16) {
            return null;
        }
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "debug":
            case "trace":
                return DEBUG;
            case "info":
            case "information":
            case "notice":
                return INFO;
            case "warn":
            case "warning":
                return WARN;
            case "error":
            case "err":
                return ERROR;
            case "critical":
            case "crit":
            case "fatal":
            case "emergency":
            case "alert":
                return CRITICAL;
            default:
                return null;
        }
    }

    /** An exchange's level: 5xx error, 4xx warn, otherwise info; a slow exchange is at least warn. */
    static String forExchange(Integer status, boolean slow) {
        if (status != null && status >= 500) {
            return ERROR;
        }
        if ((status != null && status >= 400) || slow) {
            return WARN;
        }
        return INFO;
    }

    /** An event's level: the one its log line states, else the one it came with, else info. */
    static String forEvent(String given, LogLineParser.LogLine line) {
        if (line != null) {
            return line.level;
        }
        String canonical = canonical(given);
        return canonical != null ? canonical : INFO;
    }

    static boolean isErrorOrWorse(String level) {
        return ERROR.equals(level) || CRITICAL.equals(level);
    }
}
