package io.tapline.cli.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** What the commands need to know about where their output goes: a terminal (colour, progress bar) or not. */
final class Terminal {

    private Terminal() {
    }

    /** True when file descriptor {@code fd} (1 stdout, 2 stderr) is a terminal. */
    static boolean isTty(int fd) {
        // /proc tells per descriptor; System.console() only says whether stdin and stdout both are.
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return fd == 1 && System.console() != null;
        }
    }

    /** Colour on stdout: {@code always}, {@code never}, or ({@code auto}) when it is a terminal and NO_COLOR is unset. */
    static boolean colour(String mode, Map<String, String> env) {
        return switch (mode) {
            case "always" -> true;
            case "never" -> false;
            default -> isTty(1) && (env.get("NO_COLOR") == null || env.get("NO_COLOR").isEmpty())
                    && !"dumb".equals(env.get("TERM"));
        };
    }

    /** The terminal's width from {@code COLUMNS}, or {@code fallback}. */
    static int width(Map<String, String> env, int fallback) {
        String c = env.get("COLUMNS");
        if (c != null) {
            try {
                int w = Integer.parseInt(c.trim());
                if (w >= 40) {
                    return w;
                }
            } catch (NumberFormatException ignored) {
                // use the fallback
            }
        }
        return fallback;
    }
}
