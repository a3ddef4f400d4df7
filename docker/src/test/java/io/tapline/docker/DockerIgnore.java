package io.tapline.docker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A .dockerignore file with the builder's rules: patterns are paths relative to the build context with {@code *},
 * {@code ?} and {@code **}; a pattern that matches a directory matches everything under it; {@code !} re-includes;
 * the last pattern that matches a path decides. BuildKit reads {@code <Dockerfile>.dockerignore} next to the
 * Dockerfile in preference to the context's own.
 */
final class DockerIgnore {
    private record Rule(Pattern pattern, boolean exception) {
    }

    private final List<Rule> rules = new ArrayList<>();

    private DockerIgnore(String text) {
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            boolean exception = t.startsWith("!");
            String p = (exception ? t.substring(1) : t).strip();
            p = p.replaceAll("^/+", "").replaceAll("/+$", "");
            rules.add(new Rule(Pattern.compile(regex(p)), exception));
        }
    }

    /** The ignore file BuildKit uses for {@code dockerfile} in {@code context}, or one that ignores nothing. */
    static DockerIgnore forDockerfile(Path dockerfile, Path context) {
        Path specific = dockerfile.resolveSibling(dockerfile.getFileName() + ".dockerignore");
        Path general = context.resolve(".dockerignore");
        Path chosen = Files.exists(specific) ? specific : Files.exists(general) ? general : null;
        return new DockerIgnore(chosen == null ? "" : DockerDir.read(chosen));
    }

    static DockerIgnore of(String text) {
        return new DockerIgnore(text);
    }

    /** True when {@code path} (relative to the context, '/'-separated) is left out of the build context. */
    boolean excludes(String path) {
        boolean excluded = false;
        for (Rule r : rules) {
            if (matchesItOrAParent(r.pattern(), path)) {
                excluded = !r.exception();
            }
        }
        return excluded;
    }

    private static boolean matchesItOrAParent(Pattern p, String path) {
        String candidate = path;
        while (true) {
            if (p.matcher(candidate).matches()) {
                return true;
            }
            int slash = candidate.lastIndexOf('/');
            if (slash < 0) {
                return false;
            }
            candidate = candidate.substring(0, slash);
        }
    }

    private static String regex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                sb.append(".*");
                i++;
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                    i++;
                    sb.append("/?");
                }
            } else if (c == '*') {
                sb.append("[^/]*");
            } else if (c == '?') {
                sb.append("[^/]");
            } else {
                sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return sb.toString();
    }
}
