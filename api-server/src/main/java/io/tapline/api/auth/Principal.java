package io.tapline.api.auth;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, as an {@link Authenticator} resolved it: an admin, who may read every project, or a tenant,
 * who may read only the projects listed.
 *
 * @param name     for logs; never shown to other callers
 * @param admin    true for the admin scope
 * @param projects the projects a tenant may read; empty for an admin (who is not limited by it)
 */
public record Principal(String name, boolean admin, Set<String> projects) {

    public Principal {
        Objects.requireNonNull(name, "name");
        projects = admin ? Set.of() : Set.copyOf(Objects.requireNonNull(projects, "projects"));
    }

    public static Principal admin(String name) {
        return new Principal(name, true, Set.of());
    }

    public static Principal tenant(String name, Set<String> projects) {
        return new Principal(name, false, projects);
    }

    /** True when this caller may read records of {@code projectId}. */
    public boolean mayRead(String projectId) {
        return admin || projects.contains(projectId);
    }
}
