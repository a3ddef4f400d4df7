package io.tapline.docker;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** docker/.env.example: the variables a deployment sets, with their example values. */
final class EnvFile {
    static final Path EXAMPLE = DockerDir.DOCKER.resolve(".env.example");

    private EnvFile() {
    }

    /** .env.example as a user fills it in: every change-me placeholder replaced by a strong random value. */
    static Map<String, String> filledIn() {
        Map<String, String> out = example();
        java.security.SecureRandom random = new java.security.SecureRandom();
        out.replaceAll((name, value) -> {
            if (!value.startsWith("change-me")) {
                return value;
            }
            StringBuilder sb = new StringBuilder();
            random.ints(40, 0, 62).forEach(i -> sb.append("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".charAt(i)));
            return sb.toString();
        });
        return out;
    }

    static Map<String, String> example() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : DockerDir.read(EXAMPLE).split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            int eq = t.indexOf('=');
            if (eq <= 0) {
                throw new AssertionError(".env.example: not NAME=value: " + line);
            }
            out.put(t.substring(0, eq), t.substring(eq + 1));
        }
        return out;
    }
}
