package io.tapline.store.aggregate;

import io.tapline.store.filter.LogFilter;

/**
 * Counts records instead of reading them. Every method counts exactly the records {@code filter} covers, the
 * caller's project scope included, so that a statistic and the search of the same filter always agree.
 */
public interface AggregateStore {

    /**
     * The number of matching records, and their counts by level, project, container and service. Projects,
     * containers and services are bounded to their {@code top} most frequent values plus the count of the rest;
     * levels, a handful of values, are always listed in full.
     */
    LogStats stats(LogFilter filter, int top);

    /**
     * The matching records counted per bucket of {@code grid} and split by level; the filter's own time bounds
     * are replaced by the grid's range, and every bucket of the grid is present, empty ones included.
     */
    Histogram histogram(LogFilter filter, TimeGrid grid);

    /**
     * The {@code limit} values of {@code dimension} with the most matching records, each with its count, the time
     * of its newest record and the projects it was seen in, plus the count of the records not listed.
     */
    Inventory inventory(Dimension dimension, LogFilter filter, int limit);
}
