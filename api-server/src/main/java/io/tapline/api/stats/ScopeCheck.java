package io.tapline.api.stats;

import io.tapline.store.filter.LogFilter;

import java.util.Collection;

/**
 * Defence in depth for the aggregate endpoints: the store is asked for the caller's projects only, and this
 * refuses to answer if it ever reports another project, so that a store bug becomes an error, never a leak.
 */
public final class ScopeCheck {

    private ScopeCheck() {
    }

    /**
     * @throws IllegalStateException (a 500 without details) when {@code reported} names a project outside
     *                               {@code filter}'s scope
     */
    public static void projects(LogFilter filter, Collection<String> reported) {
        if (filter.projectIds() == null) {
            return;
        }
        for (String project : reported) {
            if (!filter.projectIds().contains(project)) {
                throw new IllegalStateException("the store counted a project outside the caller's scope");
            }
        }
    }
}
