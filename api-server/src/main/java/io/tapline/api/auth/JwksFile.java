package io.tapline.api.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.text.ParseException;
import java.util.List;

/**
 * Public keys from a local JWKS file. Read at start (a missing or unreadable file stops the server), and read
 * again when the file's modification time changes, so that keys can be rotated without a restart; a rewrite
 * that leaves the file broken keeps the last good keys.
 */
final class JwksFile implements JWKSource<SecurityContext> {

    private final Path file;
    private volatile Loaded loaded;

    private record Loaded(FileTime modified, JWKSet keys) {
    }

    /** @throws IllegalArgumentException naming {@code TAPLINE_JWKS} when the file is missing, unreadable or empty */
    JwksFile(Path file) {
        this.file = file;
        try {
            this.loaded = load();
        } catch (IOException e) {
            throw new IllegalArgumentException("TAPLINE_JWKS: cannot read " + file + ": " + e.getMessage());
        } catch (ParseException e) {
            throw new IllegalArgumentException("TAPLINE_JWKS: " + file + " is not a JWK set: " + e.getMessage());
        }
        if (loaded.keys().isEmpty()) {
            throw new IllegalArgumentException("TAPLINE_JWKS: " + file + " holds no public key");
        }
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        return selector.select(current());
    }

    private JWKSet current() {
        Loaded now = loaded;
        try {
            if (!Files.getLastModifiedTime(file).equals(now.modified())) {
                Loaded fresh = load();
                if (!fresh.keys().isEmpty()) {
                    loaded = fresh;
                    return fresh.keys();
                }
            }
        } catch (IOException | ParseException e) {
            // Half-written or briefly missing during a rotation: the keys read last are still the best answer.
            return now.keys();
        }
        return now.keys();
    }

    private Loaded load() throws IOException, ParseException {
        FileTime modified = Files.getLastModifiedTime(file);
        // Private members, if an operator pasted a full key pair, are dropped: only public keys verify.
        JWKSet keys = JWKSet.parse(Files.readString(file)).toPublicJWKSet();
        return new Loaded(modified, keys);
    }
}
