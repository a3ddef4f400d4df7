package io.tapline.docker;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** docker/compose.yaml, parsed with a YAML parser (no Docker needed), and typed accessors for what the tests read. */
final class Compose {
    static final Path FILE = DockerDir.DOCKER.resolve("compose.yaml");

    private final Map<String, Object> root;

    private Compose(Map<String, Object> root) {
        this.root = root;
    }

    static Compose load() {
        Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(DockerDir.read(FILE));
        return new Compose(map(parsed, "compose.yaml"));
    }

    /** The raw text, for checks on interpolation ({@code ${VAR}}) that YAML parsing does not see. */
    static String text() {
        return DockerDir.read(FILE);
    }

    Map<String, Object> root() {
        return root;
    }

    Map<String, Service> services() {
        Map<String, Service> out = new LinkedHashMap<>();
        map(root.get("services"), "services").forEach((name, body) -> out.put(name, new Service(name, map(body, name))));
        return out;
    }

    Service service(String name) {
        Service s = services().get(name);
        if (s == null) {
            throw new AssertionError("compose.yaml has no service " + name);
        }
        return s;
    }

    /** One service of the file. */
    record Service(String name, Map<String, Object> body) {
        String image() {
            return (String) body.get("image");
        }

        /** The build section, or null. */
        Map<String, Object> build() {
            return body.containsKey("build") ? map(body.get("build"), name + ".build") : null;
        }

        Map<String, String> environment() {
            Map<String, String> out = new LinkedHashMap<>();
            Object env = body.get("environment");
            if (env instanceof Map<?, ?> m) {
                m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
            } else if (env instanceof List<?> l) {
                for (Object entry : l) {
                    String[] kv = String.valueOf(entry).split("=", 2);
                    out.put(kv[0], kv.length > 1 ? kv[1] : null);
                }
            }
            return out;
        }

        /** depends_on as service name to condition. */
        Map<String, String> dependsOn() {
            Map<String, String> out = new LinkedHashMap<>();
            Object deps = body.get("depends_on");
            if (deps instanceof List<?> l) {
                l.forEach(d -> out.put(String.valueOf(d), "service_started"));
            } else if (deps != null) {
                map(deps, name + ".depends_on").forEach((dep, spec) ->
                        out.put(dep, String.valueOf(map(spec, dep).getOrDefault("condition", "service_started"))));
            }
            return out;
        }

        List<String> command() {
            Object c = body.get("command");
            List<String> out = new ArrayList<>();
            if (c instanceof List<?> l) {
                l.forEach(x -> out.add(String.valueOf(x)));
            } else if (c != null) {
                throw new AssertionError(name + ": write command as a list, so no shell splits it");
            }
            return out;
        }

        /** Volume entries in short syntax: source, target and mode. */
        List<Mount> volumes() {
            List<Mount> out = new ArrayList<>();
            Object v = body.get("volumes");
            if (v instanceof List<?> l) {
                for (Object entry : l) {
                    String[] parts = String.valueOf(entry).split(":");
                    out.add(new Mount(parts[0], parts[1], parts.length > 2 ? parts[2] : "rw"));
                }
            }
            return out;
        }

        List<String> ports() {
            List<String> out = new ArrayList<>();
            Object p = body.get("ports");
            if (p instanceof List<?> l) {
                l.forEach(x -> out.add(String.valueOf(x)));
            }
            return out;
        }

        Map<String, Object> healthcheck() {
            return body.containsKey("healthcheck") ? map(body.get("healthcheck"), name + ".healthcheck") : null;
        }

        String restart() {
            return body.containsKey("restart") ? String.valueOf(body.get("restart")) : null;
        }

        boolean oneShot() {
            return "no".equals(restart());
        }
    }

    /** A volume entry: a named volume or a bind mount (source starting with . or /). */
    record Mount(String source, String target, String mode) {
        boolean bind() {
            return source.startsWith(".") || source.startsWith("/");
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o, String what) {
        if (!(o instanceof Map)) {
            throw new AssertionError(what + ": expected a mapping, got " + o);
        }
        return (Map<String, Object>) o;
    }
}
