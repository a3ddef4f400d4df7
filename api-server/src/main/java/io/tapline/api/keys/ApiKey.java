package io.tapline.api.keys;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What is known about an API key apart from its secret: the listing shows exactly this.
 *
 * @param lastUsed  when the key last authenticated a request (to within a minute), or null if never
 * @param revokedAt when it was revoked, or null while it is valid
 */
public record ApiKey(String id, String name, KeyRole role, Set<String> projects, Instant created, Instant lastUsed,
                     Instant revokedAt) {

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(created, "created");
        projects = Set.copyOf(projects);
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
