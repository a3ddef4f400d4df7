package io.tapline.api.keys;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where API keys live: one store shared by every api-server replica, so that a key created or revoked through
 * one replica counts on all of them. Failures to reach it are {@link io.tapline.store.StoreUnavailableException}.
 */
public interface ApiKeyStore {

    /** Stores a new key; false when its id is taken already (the caller draws another). */
    boolean create(StoredKey key);

    /** The key with {@code id}, revoked or not, fresh from the store (no caching here). */
    Optional<StoredKey> find(String id);

    /** Every key, newest first, without verification material. */
    List<ApiKey> list();

    /** Marks the key revoked at {@code at}; false when there is no such key. Revoking twice keeps the first time. */
    boolean revoke(String id, Instant at);

    /** Records that the key was used at {@code at}; best effort, never throws. */
    void touch(String id, Instant at);
}
