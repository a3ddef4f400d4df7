package io.tapline.api.keys;

import java.util.Objects;

/**
 * An API key as stored: its public description plus what verifies a presented secret, a random per-key salt
 * and the HMAC-SHA256 of the secret under that salt. The secret itself is never stored.
 */
public record StoredKey(ApiKey key, byte[] salt, byte[] hash) {

    public StoredKey {
        Objects.requireNonNull(key, "key");
        salt = salt.clone();
        hash = hash.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    /** Never prints the verification material. */
    @Override
    public String toString() {
        return "StoredKey[" + key + "]";
    }
}
