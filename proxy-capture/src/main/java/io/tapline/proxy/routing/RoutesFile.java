package io.tapline.proxy.routing;

import io.tapline.redact.RedactionRules;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the routes file ({@code TAPLINE_ROUTES}, YAML; format in DESIGN.md) into a {@link ProxyConfig}, rejecting
 * anything it does not understand with a one-line {@link ConfigException} that names the file and key path.
 */
public final class RoutesFile {
    /** Routes files are hand-written; anything bigger than this is a mistake, not a config. */
    static final int MAX_CHARS = 4 * 1024 * 1024;

    private RoutesFile() {
    }

    /** Reads and validates a routes file; relative TLS file paths are resolved against the file's directory. */
    public static ProxyConfig load(Path file) {
        String source = file.toString();
        String text;
        try {
            if (Files.size(file) > MAX_CHARS) {
                throw new ConfigException(source, null, "file is larger than " + MAX_CHARS + " bytes");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(source, null, "cannot read the file: " + e);
        }
        return parse(text, source, file.toAbsolutePath().getParent());
    }

    /** Parses routes-file text; {@code sourceName} prefixes error messages. Relative TLS paths stay relative. */
    public static ProxyConfig parse(String yaml, String sourceName) {
        return parse(yaml, sourceName, null);
    }

    static ProxyConfig parse(String yaml, String source, Path baseDir) {
        Object document = readYaml(yaml, source);
        if (document == null) {
            throw new ConfigException(source, null, "the file is empty; expected a mapping with a 'routes' list");
        }
        if (!(document instanceof Map)) {
            throw new ConfigException(source, null, "expected a mapping with a 'routes' list at the top level, got "
                    + ConfigMap.describe(document));
        }
        ConfigMap top = ConfigMap.of(document, source, "");
        top.allowOnly("routes", "trustedProxies", "redaction", "tls");
        return new ProxyConfig(routes(top), trustedProxies(top), redaction(top.map("redaction")),
                tls(top.map("tls"), baseDir));
    }

    private static Object readYaml(String yaml, String source) {
        if (yaml.length() > MAX_CHARS) {
            throw new ConfigException(source, null, "file is larger than " + MAX_CHARS + " characters");
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(50);
        options.setCodePointLimit(MAX_CHARS);
        // SafeConstructor builds only maps, lists, strings, numbers, booleans and dates: no arbitrary types.
        Yaml parser = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()),
                new DumperOptions(), options);
        try {
            return parser.load(yaml);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            String where = mark == null ? "" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": ";
            throw new ConfigException(source, null, "not valid YAML: " + where + oneLine(e.getProblem()));
        } catch (YAMLException e) {
            throw new ConfigException(source, null, "not valid YAML: " + oneLine(e.getMessage()));
        }
    }

    private static List<Route> routes(ConfigMap top) {
        List<?> list = top.list("routes");
        if (list == null) {
            throw top.error("routes", "is required (a list of routes)");
        }
        if (list.isEmpty()) {
            throw top.error("routes", "must list at least one route");
        }
        List<Route> routes = new ArrayList<>(list.size());
        Map<String, Integer> firstIndexByName = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "routes[" + i + "]";
            Route route = RouteReader.read(ConfigMap.of(list.get(i), top.source(), path));
            Integer first = firstIndexByName.putIfAbsent(route.name(), i);
            if (first != null) {
                throw new ConfigException(top.source(), path + ".name",
                        "duplicate name '" + route.name() + "' (also used by routes[" + first + "])");
            }
            routes.add(route);
        }
        return routes;
    }

    private static List<Cidr> trustedProxies(ConfigMap top) {
        List<?> list = top.list("trustedProxies");
        if (list == null) {
            return List.of();
        }
        List<Cidr> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String text = top.stringAt("trustedProxies", list, i);
            try {
                out.add(Cidr.parse(text));
            } catch (IllegalArgumentException e) {
                throw top.error("trustedProxies[" + i + "]", e.getMessage());
            }
        }
        return out;
    }

    private static RedactionRules redaction(ConfigMap r) {
        if (r == null) {
            return RedactionRules.defaults();
        }
        r.allowOnly("headers", "queryParams", "jsonFields", "replaceDefaults");
        List<String> headers = names(r, "headers");
        List<String> queryParams = names(r, "queryParams");
        List<String> jsonFields = names(r, "jsonFields");
        RedactionRules base = r.bool("replaceDefaults", false) ? RedactionRules.none() : RedactionRules.defaults();
        return base.withAdded(headers, queryParams, jsonFields);
    }

    private static List<String> names(ConfigMap r, String key) {
        List<?> list = r.list(key);
        if (list == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(r.stringAt(key, list, i).trim());
        }
        return out;
    }

    private static ProxyConfig.Tls tls(ConfigMap t, Path baseDir) {
        if (t == null) {
            return null;
        }
        t.allowOnly("cert", "key", "sni");
        Path cert = file(t, "cert", baseDir);
        Path key = file(t, "key", baseDir);
        List<ProxyConfig.SniCert> sni = new ArrayList<>();
        List<?> list = t.list("sni");
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                ConfigMap entry = ConfigMap.of(list.get(i), t.source(), t.path("sni[" + i + "]"));
                entry.allowOnly("host", "cert", "key");
                String host = RouteReader.host(entry, entry.requiredString("host"));
                sni.add(new ProxyConfig.SniCert(host, file(entry, "cert", baseDir), file(entry, "key", baseDir)));
            }
        }
        return new ProxyConfig.Tls(cert, key, sni);
    }

    /** A PEM file that must exist now: a missing certificate should stop the start, not the first handshake. */
    private static Path file(ConfigMap m, String key, Path baseDir) {
        String value = m.requiredString(key);
        Path path;
        try {
            path = Path.of(value.trim());
        } catch (RuntimeException e) {
            throw m.error(key, "not a valid file path: '" + value + "'");
        }
        if (baseDir != null && !path.isAbsolute()) {
            path = baseDir.resolve(path);
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw m.error(key, "no readable file at " + path);
        }
        return path;
    }

    private static String oneLine(String message) {
        return message == null ? "unknown error" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
