package io.tapline.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compose's variable interpolation: {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME:?error}} and
 * {@code $NAME}; {@code $$} is a literal dollar (a variable of the container's shell, not of .env).
 */
final class Interpolation {
    /** One use of a variable. */
    record Use(String name, String modifier, String argument) {
        /** {@code ${NAME:?...}} or {@code ${NAME?...}}: compose refuses to start without it. */
        boolean required() {
            return modifier != null && modifier.contains("?");
        }
    }

    private static final Pattern VARIABLE =
            Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}|([A-Za-z_][A-Za-z0-9_]*))");

    private Interpolation() {
    }

    static List<Use> uses(String text) {
        List<Use> out = new ArrayList<>();
        String withoutEscapes = text.replace("$$", "");
        Matcher m = VARIABLE.matcher(withoutEscapes);
        while (m.find()) {
            out.add(m.group(1) != null ? new Use(m.group(1), m.group(2), m.group(3)) : new Use(m.group(4), null, null));
        }
        return out;
    }

    /** True when {@code value} is nothing but one interpolation (no literal characters around it). */
    static boolean onlyAVariable(String value) {
        return value != null && value.replace("$$", "").matches("\\$\\{[A-Za-z_][A-Za-z0-9_]*(:?[-?][^}]*)?}");
    }
}
