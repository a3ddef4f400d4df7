package io.tapline.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The admin credential: {@code TAPLINE_ADMIN_TOKEN} when set, otherwise the token kept in
 * {@code <data dir>/admin-token}, generated (and readable by its owner only) at first start.
 *
 * @param value     the token
 * @param file      where it is kept, or null when it came from the environment
 * @param generated true when this start created it (so it is printed once)
 */
record AdminToken(String value, Path file, boolean generated) {

    static AdminToken resolve(String fromEnvironment, Path dataDir) {
        if (fromEnvironment != null) {
            if (fromEnvironment.length() < 16) {
                throw new ConfigException("TAPLINE_ADMIN_TOKEN must be at least 16 characters");
            }
            return new AdminToken(fromEnvironment, null, false);
        }
        Path file = dataDir.resolve("admin-token");
        try {
            if (Files.isRegularFile(file)) {
                String token = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (token.length() >= 16) {
                    return new AdminToken(token, file, false);
                }
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String token = "tpl_admin_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Path tmp = dataDir.resolve("admin-token.tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new AdminToken(token, file, true);
        } catch (IOException e) {
            throw new ConfigException("cannot write the admin token to " + file + ": " + e.getMessage());
        }
    }
}
