package io.tapline.store;

import io.tapline.store.filter.LogFilter;

import java.util.Objects;
import java.util.Set;

/**
 * One page to search for. Validation of user input happens in the API; this record only guards its invariants.
 *
 * @param filter   which records (scope included) the page is taken from
 * @param order    the page's order
 * @param limit    page size, 1..10000
 * @param offset   entries to skip, &gt;= 0 (deep offsets are served with search_after)
 * @param afterId  only records whose id is greater, or null
 * @param beforeId only records whose id is smaller, or null (the afterId cursor's settle bound)
 */
public record LogQuery(LogFilter filter, Order order, int limit, int offset, Long afterId, Long beforeId) {

    /** The orders a page can be sorted in. */
    public enum Order {
        /** {@code tsMs} desc, then {@code id} desc: seed 004's offset pages. */
        NEWEST_FIRST,
        /** {@code id} desc: the newest records by id, for {@code last}. */
        ID_DESCENDING,
        /** {@code id} asc: the {@code afterId} row cursor. */
        ID_ASCENDING
    }

    public LogQuery {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(order, "order");
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be between 1 and 10000");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0");
        }
    }

    /** A newest-first page of {@code projectIds} (null: every project) without other filters. */
    public LogQuery(Set<String> projectIds, int limit, int offset) {
        this(LogFilter.ALL.withProjects(projectIds), Order.NEWEST_FIRST, limit, offset, null, null);
    }

    /** A newest-first page of the records {@code filter} covers. */
    public static LogQuery newestFirst(LogFilter filter, int limit, int offset) {
        return new LogQuery(filter, Order.NEWEST_FIRST, limit, offset, null, null);
    }

    /** The projects searched, null for every project. */
    public Set<String> projectIds() {
        return filter.projectIds();
    }
}
