package io.tapline.enrich;

import java.util.Objects;

/**
 * The pattern of an exchange ({@link MessagePattern#ofExchange}) and its {@link PatternId}, for the exchanges seen
 * lately: a service's traffic repeats a few routes, each with a few methods and status classes, and building the
 * pattern and hashing it byte by byte for every record costs more than finding the answer made for an earlier one.
 * A direct-mapped table as {@link RecentResults}: a slot holds one immutable entry, written and read whole, so it
 * is thread-safe without locks; an entry found is exactly what computing again would give.
 */
final class ExchangePatterns {
    /** A pattern and its id. */
    static final class Pattern {
        final String pattern;
        final String id;

        Pattern(String pattern) {
            this.pattern = pattern;
            this.id = PatternId.of(pattern);
        }
    }

    private static final class Entry {
        final String method;
        final String route;
        final String statusClass;
        final Pattern pattern;

        Entry(String method, String route, String statusClass, Pattern pattern) {
            this.method = method;
            this.route = route;
            this.statusClass = statusClass;
            this.pattern = pattern;
        }
    }

    private static final int SLOTS = 1024;
    /** Routes longer than this are computed every time: a slot must not keep a huge string alive. */
    private static final int MAX_ROUTE = 256;
    private static final Entry[] RECENT = new Entry[SLOTS];

    private ExchangePatterns() {
    }

    /** The pattern of an exchange and its id, or null when there is neither a method nor a route. */
    static Pattern of(String method, String route, String statusClass) {
        if (route == null || route.length() > MAX_ROUTE) {
            return compute(method, route, statusClass);
        }
        int h = (route.hashCode() * 31 + Objects.hashCode(method)) * 31 + Objects.hashCode(statusClass);
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        Entry entry = RECENT[slot];
        if (entry != null && entry.route.equals(route) && Objects.equals(entry.method, method)
                && Objects.equals(entry.statusClass, statusClass)) {
            return entry.pattern;
        }
        Pattern pattern = compute(method, route, statusClass);
        RECENT[slot] = new Entry(method, route, statusClass, pattern);
        return pattern;
    }

    private static Pattern compute(String method, String route, String statusClass) {
        String pattern = MessagePattern.ofExchange(method, route, statusClass);
        return pattern == null ? null : new Pattern(pattern);
    }
}
