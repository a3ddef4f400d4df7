package io.tapline.api.keys;

import io.tapline.api.auth.Principal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates, verifies, lists and revokes API keys over an {@link ApiKeyStore}. Lookups are cached for
 * {@code cacheTtl} so that a busy machine client costs no store round trip per request; that TTL is also the
 * bound on revocation: a key revoked through this replica stops working here at once (barring a lookup that
 * raced the revocation), and on every other replica within {@code cacheTtl}. Thread-safe.
 */
public final class ApiKeys {

    /** The default revocation bound across replicas; documented in README.md. */
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(10);
    /** {@code lastUsed} is written at most this often per key and replica. */
    static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    /** Past this many cached lookups the cache starts over, so that random ids cannot grow it without bound. */
    static final int MAX_CACHED = 10_000;
    private static final int CREATE_ATTEMPTS = 5;

    private final ApiKeyStore store;
    private final KeySecrets secrets;
    private final Duration cacheTtl;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastTouched = new ConcurrentHashMap<>();

    private record Cached(Optional<StoredKey> key, long loadedNanos) {
    }

    /** A key just made: its description and, this once, the full key to hand to the caller. */
    public record Created(ApiKey key, String secretKey) {
        @Override
        public String toString() {
            return "Created[" + key + "]";
        }
    }

    public ApiKeys(ApiKeyStore store, KeySecrets secrets, Duration cacheTtl, Clock clock) {
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("cacheTtl must not be negative");
        }
        this.store = store;
        this.secrets = secrets;
        this.cacheTtl = cacheTtl;
        this.clock = clock;
    }

    public Duration cacheTtl() {
        return cacheTtl;
    }

    /** Makes and stores a new key; the returned full key is not kept anywhere. */
    public Created create(String name, KeyRole role, Set<String> projects) {
        for (int attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
            String id = secrets.newId();
            String secret = secrets.newSecret();
            byte[] salt = secrets.newSalt();
            ApiKey key = new ApiKey(id, name, role, role == KeyRole.ADMIN ? Set.of() : projects,
                    clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), null, null);
            if (store.create(new StoredKey(key, salt, KeySecrets.hash(salt, secret)))) {
                cache.remove(id);
                return new Created(key, KeySecrets.format(id, secret));
            }
        }
        throw new IllegalStateException("no free API key id after " + CREATE_ATTEMPTS + " attempts");
    }

    public List<ApiKey> list() {
        return store.list();
    }

    /** Revokes the key; false when there is none with {@code id}. Takes effect on this replica at once. */
    public boolean revoke(String id) {
        if (!KeySecrets.isValidId(id)) {
            return false;
        }
        boolean found = store.revoke(id, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        cache.remove(id);
        return found;
    }

    /**
     * The principal behind a presented {@code X-API-Key}, or empty when it is not a Tapline key, unknown,
     * revoked or wrong. Throws {@link io.tapline.store.StoreUnavailableException} when the store cannot be
     * asked and nothing usable is cached: failing closed, never open.
     */
    public Optional<Principal> authenticate(String presented) {
        KeySecrets.Presented parts = KeySecrets.parse(presented);
        if (parts == null) {
            return Optional.empty();
        }
        Optional<StoredKey> stored = lookup(parts.id());
        if (stored.isEmpty() || stored.get().key().revoked() || !KeySecrets.matches(stored.get(), parts.secret())) {
            return Optional.empty();
        }
        ApiKey key = stored.get().key();
        touch(key.id());
        String name = "key:" + key.id();
        return Optional.of(key.role() == KeyRole.ADMIN ? Principal.admin(name) : Principal.tenant(name, key.projects()));
    }

    private Optional<StoredKey> lookup(String id) {
        long now = System.nanoTime();
        Cached cached = cache.get(id);
        if (cached != null && now - cached.loadedNanos() < cacheTtl.toNanos()) {
            return cached.key();
        }
        Optional<StoredKey> fresh = store.find(id);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(id, new Cached(fresh, now));
        return fresh;
    }

    private void touch(String id) {
        Instant now = clock.instant();
        Instant previous = lastTouched.get(id);
        if (previous != null && previous.plus(TOUCH_INTERVAL).isAfter(now)) {
            return;
        }
        if (lastTouched.size() >= MAX_CACHED) {
            lastTouched.clear();
        }
        lastTouched.put(id, now);
        store.touch(id, now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }
}
