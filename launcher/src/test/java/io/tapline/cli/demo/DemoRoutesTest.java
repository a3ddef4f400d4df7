package io.tapline.cli.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The demo routes file, read back with a small structural reader (SnakeYAML is not on the launcher's classpath):
 * one block per route, keys from the routes file's vocabulary only.
 */
class DemoRoutesTest {
    private static final URI UPSTREAM = URI.create("http://127.0.0.1:45678");
    private static final Set<String> ROUTE_KEYS = Set.of("name", "match", "upstreams", "projectId", "containerId",
            "serviceName", "source", "capture", "timeouts");
    private static final Map<String, Set<String>> NESTED_KEYS = Map.of(
            "match", Set.of("host", "pathPrefix"),
            "capture", Set.of("enabled", "requestBody", "responseBody", "maxBodyBytes"),
            "timeouts", Set.of("connectMs", "responseMs"));
    private static final Pattern KEY_LINE = Pattern.compile("^ {4}([A-Za-z]+): (.+)$");
    private static final Pattern FLOW_ENTRY = Pattern.compile("([A-Za-z]+): ([^,}]+)");

    @Test
    void coversThreeProjectsFiveContainersAndTheFiveServices() {
        List<Map<String, String>> routes = routes(DemoRoutes.yaml(UPSTREAM));
        assertThat(routes).hasSizeBetween(5, 6);
        assertThat(routes).extracting(r -> r.get("projectId")).containsOnly("proj_shop", "proj_billing", "proj_search")
                .contains("proj_shop", "proj_billing", "proj_search");
        assertThat(routes.stream().map(r -> r.get("containerId")).distinct())
                .hasSize(5).allMatch(id -> id.startsWith("cnt_"));
        assertThat(routes).extracting(r -> r.get("serviceName"))
                .contains("user-api", "billing-api", "search-api", "web", "upload-svc");
        assertThat(routes).extracting(r -> r.get("source")).contains("backend", "edge").containsOnly("backend", "edge");
        assertThat(routes).extracting(r -> r.get("name")).doesNotHaveDuplicates();
    }

    @Test
    void usesOnlyTheKeysTheRoutesFileAllowsAndStartsWithRoutes() {
        String yaml = DemoRoutes.yaml(UPSTREAM);
        assertThat(yaml.lines().filter(l -> !l.startsWith("#")).findFirst()).hasValue("routes:");
        for (String line : yaml.lines().toList()) {
            assertThat(line).as("every line is a comment, the top key, a route start or a route key")
                    .matches("#.*|routes:|  - name: [a-z-]+| {4}[A-Za-z]+: .+");
        }
        for (Map<String, String> route : routes(yaml)) {
            assertThat(ROUTE_KEYS).containsAll(route.keySet().stream().filter(k -> !k.contains(".")).toList());
            route.keySet().stream().filter(k -> k.contains(".")).forEach(k -> {
                String[] parts = k.split("\\.");
                assertThat(NESTED_KEYS.get(parts[0])).as(k).contains(parts[1]);
            });
        }
    }

    @Test
    void everyRoutePointsAtTheUpstreamMatchesAPrefixAndHasTheDemoTimeouts() {
        for (Map<String, String> route : routes(DemoRoutes.yaml(URI.create("http://127.0.0.1:45678/ignored/path")))) {
            assertThat(route.get("upstreams")).isEqualTo("[\"http://127.0.0.1:45678\"]");
            assertThat(route.get("match.pathPrefix")).startsWith("/");
            assertThat(route).containsEntry("timeouts.connectMs", "1000").containsEntry("timeouts.responseMs", "3000")
                    .containsEntry("capture.enabled", "true").containsEntry("capture.maxBodyBytes", "4096");
        }
        assertThat(routes(DemoRoutes.yaml(UPSTREAM))).extracting(r -> r.get("match.pathPrefix"))
                .contains("/users", "/billing", "/search", "/health", "/upload", "/static");
    }

    @Test
    void capturesBodiesOnSomeRoutesOnly() {
        List<Map<String, String>> routes = routes(DemoRoutes.yaml(UPSTREAM));
        assertThat(routes).extracting(r -> r.get("capture.requestBody")).contains("true", "false");
        assertThat(routes).allMatch(r -> r.get("capture.requestBody").equals(r.get("capture.responseBody")));
        assertThat(routes).filteredOn(r -> r.get("name").equals("user-api"))
                .singleElement().satisfies(r -> assertThat(r.get("capture.responseBody")).isEqualTo("true"));
    }

    @Test
    void writeCreatesTheParentDirectoriesAndWritesTheSameText(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("conf/demo/routes.yaml");
        DemoRoutes.write(file, UPSTREAM);
        assertThat(Files.readString(file)).isEqualTo(DemoRoutes.yaml(UPSTREAM));
    }

    @Test
    void rejectsAnUpstreamThatIsNotAPlainHttpHostAndPort() {
        for (String bad : List.of("https://127.0.0.1:443", "http://127.0.0.1", "http://user:pw@127.0.0.1:80", "/x")) {
            assertThatThrownBy(() -> DemoRoutes.yaml(URI.create(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://host:port");
        }
    }

    /** Each route as flat keys: "name", "source", "capture.requestBody", ... */
    private static List<Map<String, String>> routes(String yaml) {
        List<Map<String, String>> routes = new ArrayList<>();
        for (String line : yaml.lines().toList()) {
            if (line.startsWith("  - name: ")) {
                Map<String, String> route = new LinkedHashMap<>();
                route.put("name", line.substring("  - name: ".length()));
                routes.add(route);
                continue;
            }
            Matcher key = KEY_LINE.matcher(line);
            if (!key.matches()) {
                continue;
            }
            Map<String, String> route = routes.get(routes.size() - 1);
            String value = key.group(2);
            if (value.startsWith("{ ") && value.endsWith(" }")) {
                Matcher entry = FLOW_ENTRY.matcher(value.substring(2, value.length() - 2));
                while (entry.find()) {
                    assertThat(route.put(key.group(1) + "." + entry.group(1), entry.group(2).trim())).isNull();
                }
            } else {
                assertThat(route.put(key.group(1), value)).as("duplicate key %s", key.group(1)).isNull();
            }
        }
        return routes;
    }
}
