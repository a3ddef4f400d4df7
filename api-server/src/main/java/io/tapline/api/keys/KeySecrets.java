package io.tapline.api.keys;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The key format {@code tpl_<id>_<secret>} and its hashing. The id (16 hex digits) finds the stored key, so
 * that verifying costs one lookup and one constant-time comparison; the secret is 256 random bits, which is
 * why a fast salted HMAC is enough: there is no guessable password for a slow hash to protect.
 */
public final class KeySecrets {

    static final String PREFIX = "tpl_";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final int SECRET_BYTES = 32;
    private static final int SALT_BYTES = 16;

    private final SecureRandom random;

    public KeySecrets(SecureRandom random) {
        this.random = random;
    }

    /** A presented key split into its id and secret, or null when it is not in Tapline's key format. */
    record Presented(String id, String secret) {
    }

    String newId() {
        byte[] id = new byte[8];
        random.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    byte[] newSalt() {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return salt;
    }

    static String format(String id, String secret) {
        return PREFIX + id + "_" + secret;
    }

    static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** Splits {@code key}, or returns null when it is not a Tapline API key at all. */
    static Presented parse(String key) {
        if (key == null || !key.startsWith(PREFIX) || key.length() != PREFIX.length() + 16 + 1 + 43) {
            return null;
        }
        String id = key.substring(PREFIX.length(), PREFIX.length() + 16);
        if (key.charAt(PREFIX.length() + 16) != '_') {
            return null;
        }
        String secret = key.substring(PREFIX.length() + 17);
        return ID.matcher(id).matches() && SECRET.matcher(secret).matches() ? new Presented(id, secret) : null;
    }

    static byte[] hash(byte[] salt, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            return mac.doFinal(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM provides HmacSHA256", e);
        }
    }

    /** Constant-time: the time taken does not depend on where the hashes differ. */
    static boolean matches(StoredKey stored, String secret) {
        return MessageDigest.isEqual(hash(stored.salt(), secret), stored.hash());
    }
}
