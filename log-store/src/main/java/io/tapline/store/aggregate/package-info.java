/**
 * Counts over the records a {@link io.tapline.store.filter.LogFilter} covers: totals by level, project, container
 * and service, time histograms split by level, and the container and service inventories with their last-seen
 * times. Kept apart from {@link io.tapline.store.SearchStore}, which reads records, so that either can be served
 * by its own implementation.
 */
package io.tapline.store.aggregate;
