package io.tapline.sdk.stream;

import io.tapline.sdk.logs.Kind;
import io.tapline.sdk.logs.Level;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code GET /api/proxy-logs/_logs/stream} should carry (seed 004's parameters) and where to resume.
 *
 * @param projectId   one project (admins; tenants are scoped to their own projects anyway)
 * @param containerId one container; its {@code scope-destroyed} event ends the stream
 * @param kinds       only these kinds, null for all
 * @param levels      only these levels, null for all
 * @param lastEventId resume after this ringSeq (a previous stream's last frame id), null to start live
 */
public record StreamParams(String projectId, String containerId, Set<Kind> kinds, Set<Level> levels,
                           Long lastEventId) {

    public StreamParams {
        kinds = kinds == null || kinds.isEmpty() ? null : Collections.unmodifiableSet(EnumSet.copyOf(kinds));
        levels = levels == null || levels.isEmpty() ? null : Collections.unmodifiableSet(EnumSet.copyOf(levels));
    }

    /** Everything the caller may read, from now on. */
    public static StreamParams live() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The query string's name/value pairs (the resume point travels as the {@code Last-Event-ID} header). */
    public Map<String, String> toQuery() {
        Map<String, String> q = new LinkedHashMap<>();
        if (projectId != null) {
            q.put("projectId", projectId);
        }
        if (containerId != null) {
            q.put("containerId", containerId);
        }
        if (kinds != null) {
            q.put("kind", kinds.stream().map(Kind::wireName).collect(Collectors.joining(",")));
        }
        if (levels != null) {
            q.put("level", levels.stream().map(Level::wireName).collect(Collectors.joining(",")));
        }
        return q;
    }

    /** Collects {@link StreamParams}. */
    public static final class Builder {
        private String projectId;
        private String containerId;
        private Set<Kind> kinds;
        private Set<Level> levels;
        private Long lastEventId;

        private Builder() {
        }

        public Builder projectId(String projectId) {
            this.projectId = projectId;
            return this;
        }

        public Builder containerId(String containerId) {
            this.containerId = containerId;
            return this;
        }

        public Builder kinds(Kind... kinds) {
            this.kinds = kinds == null || kinds.length == 0 ? null : EnumSet.copyOf(Set.of(kinds));
            return this;
        }

        public Builder kinds(Set<Kind> kinds) {
            this.kinds = kinds;
            return this;
        }

        public Builder levels(Level... levels) {
            this.levels = levels == null || levels.length == 0 ? null : EnumSet.copyOf(Set.of(levels));
            return this;
        }

        public Builder levels(Set<Level> levels) {
            this.levels = levels;
            return this;
        }

        /** Resume after this ringSeq, e.g. the last frame id a previous run of the program saw. */
        public Builder lastEventId(Long lastEventId) {
            this.lastEventId = lastEventId;
            return this;
        }

        /** @throws IllegalArgumentException naming the first value the API could never accept */
        public StreamParams build() {
            if (projectId != null && projectId.isBlank()) {
                throw new IllegalArgumentException("projectId must not be blank");
            }
            if (containerId != null && containerId.isBlank()) {
                throw new IllegalArgumentException("containerId must not be blank");
            }
            if (lastEventId != null && lastEventId < 0) {
                throw new IllegalArgumentException("lastEventId must not be negative");
            }
            return new StreamParams(projectId, containerId, kinds, levels, lastEventId);
        }
    }
}
