package io.tapline.sdk.logs;

import java.util.Locale;

/** A record's severity as the API names it; {@code critical} is accepted by servers that follow seed 003. */
public enum Level {
    DEBUG, INFO, WARN, ERROR, CRITICAL;

    /** The lower-case name the API uses. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The level named {@code name} (case-insensitive, {@code warning} and {@code fatal} accepted as aliases). */
    public static Level parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "debug" -> DEBUG;
            case "info" -> INFO;
            case "warn", "warning" -> WARN;
            case "error" -> ERROR;
            case "critical", "fatal" -> CRITICAL;
            default -> throw new IllegalArgumentException("level must be one of debug, info, warn, error, critical");
        };
    }
}
