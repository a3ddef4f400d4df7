package io.tapline.schema;

import java.util.Locale;

/**
 * Severity of a record, ordered from least to most severe. Seed 004 names four levels; {@code critical}
 * is accepted on input (seed 003), and the aliases {@code warning} and {@code fatal} map onto it as
 * seed 003's level mapping says.
 */
public enum Level {
    DEBUG, INFO, WARN, ERROR, CRITICAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this level is at least as severe as {@code other}. */
    public boolean atLeast(Level other) {
        return compareTo(other) >= 0;
    }

    /**
     * Parses a level name, case-insensitively, with seed 003's aliases ({@code warning}→warn,
     * {@code fatal}→critical, {@code trace}→debug, {@code err}→error). Throws {@link IllegalArgumentException}
     * naming the accepted values.
     */
    public static Level parse(String value) {
        Level level = parseOrNull(value);
        if (level == null) {
            throw new IllegalArgumentException("must be one of debug, info, warn, error, critical");
        }
        return level;
    }

    /** Like {@link #parse} but returns null for an unknown or missing name. */
    public static Level parseOrNull(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "debug", "trace" -> DEBUG;
            case "info", "information", "notice" -> INFO;
            case "warn", "warning" -> WARN;
            case "error", "err" -> ERROR;
            case "critical", "crit", "fatal", "emergency", "alert" -> CRITICAL;
            default -> null;
        };
    }
}
