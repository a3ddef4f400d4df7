package io.tapline.api.query;

import io.tapline.api.auth.Principal;
import io.tapline.store.filter.LogFilter;

import java.util.Objects;

/**
 * The filter a caller asked for, before its scope is known: the requested {@code projectId} and every other
 * filter. {@link #scopedTo} is the one way to turn it into a {@link LogFilter}, so that no endpoint can forget
 * the caller's scope.
 *
 * @param projectId the project asked for, or null
 * @param filter    the other filters, with no project restriction yet
 */
public record FilterRequest(String projectId, LogFilter filter) {

    public FilterRequest {
        Objects.requireNonNull(filter, "filter");
        if (filter.projectIds() != null) {
            throw new IllegalArgumentException("the scope is set by scopedTo, not by the parser");
        }
    }

    /**
     * The filter narrowed to what {@code principal} may read.
     *
     * @throws io.tapline.api.http.ApiException 403 when a tenant asks for a project outside its scope
     */
    public LogFilter scopedTo(Principal principal) {
        return filter.withProjects(ProjectScope.resolve(principal, projectId));
    }
}
