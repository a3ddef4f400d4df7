package io.tapline.docker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read the way the builder reads it: continuation lines joined, comments dropped, {@code ARG}
 * defaults (overridable by build args) substituted into {@code COPY}/{@code ADD} sources.
 */
final class Dockerfile {
    /** One instruction: keyword (upper case) and its arguments. */
    record Instruction(String keyword, String arguments) {
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    final Path file;
    final List<Instruction> instructions = new ArrayList<>();

    Dockerfile(Path file) {
        this.file = file;
        StringBuilder pending = new StringBuilder();
        for (String line : DockerDir.read(file).split("\n")) {
            String t = line.strip();
            if (pending.isEmpty() && (t.isEmpty() || t.startsWith("#"))) {
                continue;
            }
            if (t.startsWith("#")) {
                continue; // a comment inside a continued instruction
            }
            if (t.endsWith("\\")) {
                pending.append(t, 0, t.length() - 1).append(' ');
                continue;
            }
            pending.append(t);
            String full = pending.toString().strip();
            pending.setLength(0);
            int space = full.indexOf(' ');
            instructions.add(new Instruction(full.substring(0, space).toUpperCase(java.util.Locale.ROOT),
                    full.substring(space + 1).strip()));
        }
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    /** ARG defaults, overridden by {@code buildArgs}. */
    Map<String, String> args(Map<String, String> buildArgs) {
        Map<String, String> out = new HashMap<>();
        for (Instruction i : all("ARG")) {
            String[] kv = i.arguments().split("=", 2);
            out.put(kv[0], kv.length > 1 ? kv[1] : null);
        }
        out.putAll(buildArgs);
        return out;
    }

    /** The sources of every COPY/ADD that copies from the build context (not {@code --from} a stage), substituted. */
    List<String> contextSources(Map<String, String> buildArgs) {
        Map<String, String> args = args(buildArgs);
        List<String> out = new ArrayList<>();
        for (Instruction i : instructions) {
            if (!i.keyword().equals("COPY") && !i.keyword().equals("ADD")) {
                continue;
            }
            List<String> words = new ArrayList<>(List.of(i.arguments().split("\\s+")));
            if (words.stream().anyMatch(w -> w.startsWith("--from="))) {
                continue;
            }
            words.removeIf(w -> w.startsWith("--"));
            if (words.get(0).startsWith("[")) {
                throw new AssertionError(file + ": JSON-form COPY is not read by this test: " + i.arguments());
            }
            for (String source : words.subList(0, words.size() - 1)) {
                out.add(substitute(source, args));
            }
        }
        return out;
    }

    static String substitute(String text, Map<String, String> args) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = args.get(name);
            if (value == null) {
                throw new AssertionError("no value for ARG " + name + " in " + text);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        return m.appendTail(sb).toString();
    }

    /** The exec-form ENTRYPOINT/CMD as a list. */
    List<String> execForm(String keyword) {
        List<Instruction> found = all(keyword);
        if (found.isEmpty()) {
            return List.of();
        }
        String json = found.get(found.size() - 1).arguments();
        if (!json.startsWith("[")) {
            throw new AssertionError(file + ": " + keyword + " must be in exec form (a JSON array)");
        }
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
