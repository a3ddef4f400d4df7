package io.tapline.api.cursor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The server's secret for signing fanout cursors (HS256). Separate from any JWT secret, so that a cursor can
 * never pass as a bearer token nor a token as a cursor. Cursors signed with another key are refused.
 */
public final class CursorKey {

    /** HS256 wants at least 256 bits of key. */
    public static final int MIN_BYTES = 32;

    private final byte[] secret;

    private CursorKey(byte[] secret) {
        if (secret.length < MIN_BYTES) {
            throw new IllegalArgumentException("a cursor key needs at least " + MIN_BYTES + " bytes");
        }
        this.secret = secret.clone();
    }

    public static CursorKey of(byte[] secret) {
        return new CursorKey(secret);
    }

    /** A fresh random key: cursors then die with the process (as its snapshots may). */
    public static CursorKey random() {
        byte[] secret = new byte[MIN_BYTES];
        new SecureRandom().nextBytes(secret);
        return new CursorKey(secret);
    }

    /** A key given as base64 (standard or URL-safe), e.g. from {@code TAPLINE_CURSOR_KEY}. */
    public static CursorKey fromBase64(String encoded) {
        byte[] secret;
        try {
            secret = Base64.getUrlDecoder().decode(encoded.trim().replace('+', '-').replace('/', '_').replace("=", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TAPLINE_CURSOR_KEY is not base64");
        }
        if (secret.length < MIN_BYTES) {
            throw new IllegalArgumentException("TAPLINE_CURSOR_KEY must decode to at least " + MIN_BYTES + " bytes");
        }
        return new CursorKey(secret);
    }

    /**
     * The key kept in {@code file} (base64, one line), created with owner-only permissions on first use, so that
     * cursors stay valid across restarts against the same cluster.
     */
    public static CursorKey loadOrCreate(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                return fromBase64(Files.readString(file, StandardCharsets.UTF_8));
            }
            CursorKey key = random();
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, Base64.getEncoder().encodeToString(key.secret) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read or write the cursor key " + file + ": " + e.getMessage());
        }
    }

    /** A copy of the secret bytes. */
    byte[] secret() {
        return secret.clone();
    }

    @Override
    public String toString() {
        return "CursorKey[" + secret.length + " bytes]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CursorKey other && java.security.MessageDigest.isEqual(secret, other.secret);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(secret);
    }
}
