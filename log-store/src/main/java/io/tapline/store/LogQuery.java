package io.tapline.store;

import java.util.Set;

/**
 * What to search for. Validation of user input happens in the API; this record only guards its invariants.
 *
 * @param projectIds the projects the caller may see and asked for; null means every project (admin only)
 * @param limit      page size, 1..10000
 * @param offset     entries to skip, &gt;= 0 (deep offsets are served with search_after)
 */
public record LogQuery(Set<String> projectIds, int limit, int offset) {
    public LogQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0");
        }
        projectIds = projectIds == null ? null : Set.copyOf(projectIds);
    }
}
