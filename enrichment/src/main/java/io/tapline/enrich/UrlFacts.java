package io.tapline.enrich;

/**
 * What the enricher derives from a record's {@code url.original} alone: its parts, the route template of its path
 * and the threat flags of the target. All three are pure functions of the string, and every exchange stores it
 * twice (its request record and its response record carry the same target, a few records apart), so the facts of
 * the targets seen lately are kept ({@link RecentResults}) and the response's record reuses its request's. The
 * table is small on purpose: it catches the pairs and the hot endpoints of the moment, not a whole traffic's
 * worth of distinct URLs.
 */
final class UrlFacts {
    /** Slots of the table of recent targets; a power of two. */
    static final int SLOTS = 1024;
    /** Longer targets are worked out every time: rarely repeated, and a slot must not keep a huge string alive. */
    static final int MAX_CACHED_LENGTH = 2048;

    private static final RecentResults<UrlFacts> RECENT = new RecentResults<>(SLOTS, MAX_CACHED_LENGTH,
            UrlFacts::compute);

    /** The parts, or null when the target is neither a request target nor an absolute URL. */
    final UrlParts parts;
    /** The route template of the parts' path ({@code /} for an absolute URL without one); null without parts. */
    final String route;
    /** {@link ThreatDetector#targetFlags} of the target. */
    final int threatFlags;

    private UrlFacts(UrlParts parts, String route, int threatFlags) {
        this.parts = parts;
        this.route = route;
        this.threatFlags = threatFlags;
    }

    /** The facts of {@code originalUrl}, worked out now or for an equal target lately; null for null. */
    static UrlFacts of(String originalUrl) {
        return originalUrl == null ? null : RECENT.get(originalUrl);
    }

    /** {@link #of} without looking for an earlier result. */
    static UrlFacts compute(String originalUrl) {
        UrlParts parts = UrlParts.parse(originalUrl);
        String route = null;
        if (parts != null) {
            // An absolute URL without a path asks for the root.
            route = RouteTemplate.of(parts.path != null ? parts.path : parts.scheme != null ? "/" : null);
        }
        return new UrlFacts(parts, route, ThreatDetector.targetFlags(originalUrl));
    }
}
