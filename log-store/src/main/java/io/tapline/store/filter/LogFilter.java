package io.tapline.store.filter;

import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.Source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which records a search, a stream, a cursor or an aggregation covers: the caller's project scope plus every
 * filter of the logs query. One type for all of them, so that the logs page, the export and the statistics of
 * the same request can never disagree about what matches. A null component means "no restriction".
 *
 * @param projectIds  the projects to cover; null means every project (admin callers only), empty means none
 * @param containerId exact {@code container.id}
 * @param serviceName exact {@code service.name}
 * @param levels      the levels to cover (already narrowed by any minimum level); empty means none
 * @param kind        request, response or event
 * @param method      exact HTTP method, upper case
 * @param source      backend or edge
 * @param text        full text over the URL, the message and the captured bodies; never parsed as query syntax
 * @param fromMs      inclusive lower bound of {@code tsMs}
 * @param toMs        exclusive upper bound of {@code tsMs}
 */
public record LogFilter(Set<String> projectIds, String containerId, String serviceName, Set<Level> levels,
                        Kind kind, String method, Source source, String text, Long fromMs, Long toMs) {

    /** No restriction at all: every record of every project. */
    public static final LogFilter ALL = builder().build();

    public LogFilter {
        projectIds = projectIds == null ? null : Set.copyOf(projectIds);
        levels = levels == null ? null : Set.copyOf(levels);
        if (text != null && text.isBlank()) {
            throw new IllegalArgumentException("text must not be blank");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** This filter narrowed to {@code projects} (null: every project), the caller's resolved scope. */
    public LogFilter withProjects(Set<String> projects) {
        return new LogFilter(projects, containerId, serviceName, levels, kind, method, source, text, fromMs, toMs);
    }

    /** True when nothing can match: an empty project scope, no level left, or an empty time range. */
    public boolean matchesNothing() {
        return projectIds != null && projectIds.isEmpty()
                || levels != null && levels.isEmpty()
                || fromMs != null && toMs != null && fromMs >= toMs;
    }

    /**
     * A stable SHA-256 (hex) of this filter's canonical form: equal filters have equal fingerprints whatever the
     * order of their sets. Signed cursors carry it so that a cursor cannot be replayed under other filters.
     */
    public String fingerprint() {
        StringBuilder canonical = new StringBuilder("v1");
        field(canonical, "projects", projectIds == null ? null : sorted(projectIds));
        field(canonical, "container", containerId);
        field(canonical, "service", serviceName);
        field(canonical, "levels", levels == null ? null
                : levels.stream().sorted().map(Level::wireName).collect(Collectors.joining(",")));
        field(canonical, "kind", kind == null ? null : kind.wireName());
        field(canonical, "method", method);
        field(canonical, "source", source == null ? null : source.wireName());
        field(canonical, "text", text);
        field(canonical, "from", fromMs == null ? null : fromMs.toString());
        field(canonical, "to", toMs == null ? null : toMs.toString());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }

    /** Length-prefixed, so that no value can be crafted to look like another field. */
    private static void field(StringBuilder out, String name, String value) {
        out.append('|').append(name).append('=');
        if (value == null) {
            out.append('-');
        } else {
            out.append(value.length()).append(':').append(value);
        }
    }

    private static String sorted(Set<String> values) {
        StringBuilder out = new StringBuilder();
        for (String v : new TreeSet<>(values)) {
            out.append(v.length()).append(':').append(v).append(';');
        }
        return out.toString();
    }

    /** Collects a filter; every setter takes null as "no restriction". */
    public static final class Builder {
        private Set<String> projectIds;
        private String containerId;
        private String serviceName;
        private Set<Level> levels;
        private Kind kind;
        private String method;
        private Source source;
        private String text;
        private Long fromMs;
        private Long toMs;

        private Builder() {
        }

        public Builder projectIds(Set<String> v) { this.projectIds = v; return this; }
        public Builder containerId(String v) { this.containerId = v; return this; }
        public Builder serviceName(String v) { this.serviceName = v; return this; }
        public Builder levels(Set<Level> v) { this.levels = v; return this; }
        public Builder kind(Kind v) { this.kind = v; return this; }
        public Builder method(String v) { this.method = v; return this; }
        public Builder source(Source v) { this.source = v; return this; }
        public Builder text(String v) { this.text = v; return this; }
        public Builder fromMs(Long v) { this.fromMs = v; return this; }
        public Builder toMs(Long v) { this.toMs = v; return this; }

        public LogFilter build() {
            return new LogFilter(projectIds, containerId, serviceName, levels, kind, method, source, text, fromMs, toMs);
        }
    }
}
