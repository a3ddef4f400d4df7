package io.tapline.api.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * An API key as the API shows it; {@code key} (the full secret key) is set only in the answer to its creation.
 * Timestamps are ISO 8601 UTC, as in seed 001.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "name", "role", "projects", "created", "lastUsed", "revoked", "revokedAt", "key"})
record KeyView(String id, String name, String role, List<String> projects, String created, String lastUsed,
               boolean revoked, String revokedAt, String key) {

    static KeyView of(ApiKey key) {
        return of(key, null);
    }

    static KeyView of(ApiKey key, String secretKey) {
        return new KeyView(key.id(), key.name(), key.role().wireName(), key.projects().stream().sorted().toList(),
                key.created().toString(), key.lastUsed() == null ? null : key.lastUsed().toString(), key.revoked(),
                key.revokedAt() == null ? null : key.revokedAt().toString(), secretKey);
    }

    /** The listing's body. */
    record Listing(List<KeyView> items, int total) {
    }
}
