package io.tapline.api.feed;

import io.tapline.schema.Kind;
import io.tapline.schema.Level;

import java.util.Set;

/**
 * Which entries one stream receives. The project set is the caller's scope as already resolved (a tenant's own
 * projects, never more); the other parts are the stream's optional filters.
 *
 * @param projects    null for every project (admin callers only); otherwise never empty
 * @param containerId null for every container
 * @param kinds       null for every kind
 * @param levels      null for every level
 */
public record FeedFilter(Set<String> projects, String containerId, Set<Kind> kinds, Set<Level> levels) {

    public FeedFilter {
        if (projects != null) {
            if (projects.isEmpty()) {
                throw new IllegalArgumentException("a scoped filter needs at least one project");
            }
            projects = Set.copyOf(projects);
        }
        kinds = kinds == null ? null : Set.copyOf(kinds);
        levels = levels == null ? null : Set.copyOf(levels);
    }

    /** Everything, for an admin without filters. */
    public static FeedFilter everything() {
        return new FeedFilter(null, null, null, null);
    }

    /** True when the caller's scope covers the entry's project (project-less events: admins only). */
    public boolean coversProject(String projectId) {
        return projects == null || projectId != null && projects.contains(projectId);
    }

    /** True when a data frame for an entry of {@code scope} belongs on this stream. */
    public boolean matches(EntryScope scope) {
        return coversProject(scope.projectId())
                && (containerId == null || containerId.equals(scope.containerId()))
                && (kinds == null || kinds.contains(scope.kind()))
                && (levels == null || levels.contains(scope.level()));
    }

    /**
     * True when {@code entry} ends this stream: the proxy reported the container this stream follows gone.
     * Kind and level filters do not apply; the caller's scope does.
     */
    public boolean endsWith(FeedEntry entry) {
        return entry.scopeDestroyed() && containerId != null && containerId.equals(entry.scope().containerId())
                && coversProject(entry.scope().projectId());
    }

    /** True when {@code entry} goes to this stream at all, as data, a lost-records notice or its end. */
    public boolean wants(FeedEntry entry) {
        return matches(entry.scope()) || endsWith(entry);
    }
}
