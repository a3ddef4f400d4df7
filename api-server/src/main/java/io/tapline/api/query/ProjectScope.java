package io.tapline.api.query;

import io.tapline.api.auth.Principal;
import io.tapline.api.http.ApiException;

import java.util.Set;

/**
 * Decides which projects a logs query may cover: an admin gets what it asked for (every project when it
 * asked for none); a tenant never gets more than its own projects, whatever {@code projectId} it sends.
 */
public final class ProjectScope {

    static final String FORBIDDEN = "Caller is not permitted to read logs for this scope";

    private ProjectScope() {
    }

    /**
     * The projects to search, or null for every project (admins only).
     *
     * @throws ApiException 403 when a tenant asks for a project it may not read, or has no project at all
     */
    public static Set<String> resolve(Principal principal, String requestedProjectId) {
        if (principal.admin()) {
            return requestedProjectId == null ? null : Set.of(requestedProjectId);
        }
        if (principal.projects().isEmpty()) {
            throw ApiException.forbidden(FORBIDDEN);
        }
        if (requestedProjectId == null) {
            return principal.projects();
        }
        if (!principal.mayRead(requestedProjectId)) {
            throw ApiException.forbidden(FORBIDDEN);
        }
        return Set.of(requestedProjectId);
    }
}
