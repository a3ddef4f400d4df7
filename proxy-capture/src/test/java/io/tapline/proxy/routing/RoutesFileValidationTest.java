package io.tapline.proxy.routing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every way a routes file can be wrong is rejected with one line naming the file and the key path. */
class RoutesFileValidationTest {
    private static final String VALID = "name: r, upstreams: [\"http://h:1\"], projectId: p";

    private static String route(String fields) {
        return "routes:\n  - {" + fields + "}\n";
    }

    private static String withRoute(String extra) {
        return route(VALID + ", " + extra);
    }

    static Stream<Arguments> unknownKeys() {
        return Stream.of(
                arguments("rutes: []\n" + route(VALID), "rutes",
                        "unknown key (allowed: routes, trustedProxies, redaction, tls)"),
                arguments(withRoute("upstream: x"), "routes[0].upstream", "unknown key (allowed: name, match, "
                        + "upstreams, projectId, containerId, serviceName, source, capture, timeouts)"),
                arguments(withRoute("match: {hots: a}"), "routes[0].match.hots",
                        "unknown key (allowed: host, pathPrefix)"),
                arguments(withRoute("capture: {body: true}"), "routes[0].capture.body", "unknown key"),
                arguments(withRoute("timeouts: {readMs: 5}"), "routes[0].timeouts.readMs",
                        "unknown key (allowed: connectMs, responseMs)"),
                arguments(withRoute("1: x"), "routes[0].1", "unknown key"),
                arguments(route(VALID) + "redaction: {header: [a]}", "redaction.header",
                        "unknown key (allowed: headers, queryParams, jsonFields, replaceDefaults)"),
                arguments(route(VALID) + "tls: {certificate: a}", "tls.certificate",
                        "unknown key (allowed: cert, key, sni)"));
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                arguments("routes: {a: 1}", "routes", "must be a list, got a mapping"),
                arguments("routes: [x]", "routes[0]", "must be a mapping, got the string 'x'"),
                arguments(route("name: 5, upstreams: [\"http://h:1\"], projectId: p"), "routes[0].name",
                        "must be a string, got the number 5"),
                arguments(withRoute("match: x"), "routes[0].match", "must be a mapping, got the string 'x'"),
                arguments(withRoute("match: {host: 5}"), "routes[0].match.host", "must be a string"),
                arguments(withRoute("match: {pathPrefix: [a]}"), "routes[0].match.pathPrefix",
                        "must be a string, got a list"),
                arguments(route("name: r, upstreams: \"http://h:1\", projectId: p"), "routes[0].upstreams",
                        "must be a list, got the string"),
                arguments(route("name: r, upstreams: [5], projectId: p"), "routes[0].upstreams[0]",
                        "must be a string, got the number 5"),
                arguments(route("name: r, upstreams: [\"http://h:1\"], projectId: 123"), "routes[0].projectId",
                        "must be a string, got the number 123 (quote it)"),
                arguments(route("name: r, upstreams: [\"http://h:1\"], projectId: 2024-01-01"), "routes[0].projectId",
                        "got a date (quote it)"),
                arguments(withRoute("containerId: [a]"), "routes[0].containerId", "must be a string, got a list"),
                arguments(withRoute("serviceName: true"), "routes[0].serviceName",
                        "must be a string, got the boolean true"),
                arguments(withRoute("source: 1"), "routes[0].source", "must be a string"),
                arguments(withRoute("capture: []"), "routes[0].capture", "must be a mapping, got a list"),
                arguments(withRoute("capture: {enabled: \"yes\"}"), "routes[0].capture.enabled",
                        "must be true or false, got the string 'yes'"),
                arguments(withRoute("capture: {maxBodyBytes: 1.5}"), "routes[0].capture.maxBodyBytes",
                        "must be a whole number, got the decimal number 1.5"),
                arguments(withRoute("timeouts: 5"), "routes[0].timeouts", "must be a mapping, got the number 5"),
                arguments(withRoute("timeouts: {connectMs: \"2000\"}"), "routes[0].timeouts.connectMs",
                        "must be a whole number, got the string '2000'"),
                arguments(route(VALID) + "trustedProxies: 10.0.0.0/8", "trustedProxies", "must be a list"),
                arguments(route(VALID) + "trustedProxies: [10]", "trustedProxies[0]", "must be a string"),
                arguments(route(VALID) + "redaction: [a]", "redaction", "must be a mapping, got a list"),
                arguments(route(VALID) + "redaction: {headers: x}", "redaction.headers", "must be a list"),
                arguments(route(VALID) + "redaction: {jsonFields: [a, 1]}", "redaction.jsonFields[1]",
                        "must be a string"),
                arguments(route(VALID) + "redaction: {replaceDefaults: 1}", "redaction.replaceDefaults",
                        "must be true or false"),
                arguments(route(VALID) + "tls: x", "tls", "must be a mapping"));
    }

    static Stream<Arguments> missingOrEmpty() {
        return Stream.of(
                arguments("trustedProxies: []", "routes", "is required"),
                arguments("routes:", "routes", "is required"),
                arguments("routes: []", "routes", "must list at least one route"),
                arguments(route("upstreams: [\"http://h:1\"], projectId: p"), "routes[0].name", "is required"),
                arguments(route("name: \"\", upstreams: [\"http://h:1\"], projectId: p"), "routes[0].name",
                        "must not be empty"),
                arguments(route("name: r, projectId: p"), "routes[0].upstreams", "is required"),
                arguments(route("name: r, upstreams: [], projectId: p"), "routes[0].upstreams",
                        "must list at least one http:// URL"),
                arguments(route("name: r, upstreams: [\"http://h:1\"]"), "routes[0].projectId", "is required"),
                arguments(route(VALID) + "tls: {key: k.pem}", "tls.cert", "is required"),
                arguments("routes:\n  - {" + VALID + "}\n  - {name: x, upstreams: [\"http://h:1\"], projectId: p}\n"
                        + "  - {" + VALID + "}\n", "routes[2].name", "duplicate name 'r' (also used by routes[0])"));
    }

    static Stream<Arguments> badUpstreams() {
        return Stream.of(
                arguments("ftp://h", "must be an http:// URL"),
                arguments("https://h", "must be an http:// URL"),
                arguments("//h:80", "must be an http:// URL"),
                arguments("http://", "not a URL"),
                arguments("not a url", "not a URL"),
                arguments("http://h/api", "must not have a path, query or fragment"),
                arguments("http://h?x=1", "must not have a path, query or fragment"),
                arguments("http://h#f", "must not have a path, query or fragment"),
                arguments("http://u:p@h", "must not contain credentials"),
                arguments("http://h:0", "port must be 1 to 65535, got 0"),
                arguments("http://h:70000", "port must be 1 to 65535, got 70000"),
                arguments("http://my_service:80", "needs a valid host name"));
    }

    static Stream<Arguments> badRanges() {
        return Stream.of(
                arguments("10.0.0.0/33", "prefix length must be 0..32"),
                arguments("10.0.0.256", "not an IP address or CIDR range"),
                arguments("example.com", "not an IP address or CIDR range"),
                arguments("::1/129", "prefix length must be 0..128"),
                arguments("10.0.0.0/", "prefix length must be 0..32"),
                arguments("10.0.0.0/abc", "prefix length must be 0..32"),
                arguments("::ffff:10.0.0.0/95", "an IPv4-mapped range needs a prefix of at least 96"));
    }

    static Stream<Arguments> outOfRangeOrMalformed() {
        String long65 = "x".repeat(65);
        String long129 = "p".repeat(129);
        return Stream.of(
                arguments(withRoute("capture: {maxBodyBytes: -1}"), "routes[0].capture.maxBodyBytes",
                        "must be between 0 and 1048576, got -1"),
                arguments(withRoute("capture: {maxBodyBytes: 1048577}"), "routes[0].capture.maxBodyBytes",
                        "must be between 0 and 1048576, got 1048577"),
                arguments(withRoute("capture: {maxBodyBytes: 99999999999999999999}"), "routes[0].capture.maxBodyBytes",
                        "got 99999999999999999999"),
                arguments(withRoute("timeouts: {connectMs: 0}"), "routes[0].timeouts.connectMs",
                        "must be between 1 and 600000, got 0"),
                arguments(withRoute("timeouts: {connectMs: 600001}"), "routes[0].timeouts.connectMs",
                        "must be between 1 and 600000"),
                arguments(withRoute("timeouts: {responseMs: 0}"), "routes[0].timeouts.responseMs",
                        "must be between 1 and 3600000, got 0"),
                arguments(withRoute("timeouts: {responseMs: 3600001}"), "routes[0].timeouts.responseMs",
                        "must be between 1 and 3600000"),
                arguments(route("name: bad name, upstreams: [\"http://h:1\"], projectId: p"), "routes[0].name",
                        "must be 1 to 64 characters of A-Z a-z 0-9 . _ -, got 'bad name'"),
                arguments(route("name: " + long65 + ", upstreams: [\"http://h:1\"], projectId: p"), "routes[0].name",
                        "must be 1 to 64 characters"),
                arguments(route("name: r, upstreams: [\"http://h:1\"], projectId: proj a"), "routes[0].projectId",
                        "must be 1 to 128 characters of A-Z a-z 0-9 . _ : -"),
                arguments(route("name: r, upstreams: [\"http://h:1\"], projectId: " + long129), "routes[0].projectId",
                        "must be 1 to 128 characters"),
                arguments(withRoute("containerId: c/1"), "routes[0].containerId", "must be 1 to 128 characters"),
                arguments(withRoute("serviceName: s!"), "routes[0].serviceName", "must be 1 to 128 characters"),
                arguments(withRoute("source: middle"), "routes[0].source",
                        "must be one of backend, edge, got 'middle'"),
                arguments(withRoute("match: {host: \"http://a.com\"}"), "routes[0].match.host", "without a scheme"),
                arguments(withRoute("match: {host: \"a.com:80\"}"), "routes[0].match.host", "without a port"),
                arguments(withRoute("match: {host: a.com/x}"), "routes[0].match.host", "without a path"),
                arguments(withRoute("match: {host: \"*.a.com\"}"), "routes[0].match.host",
                        "wildcards are not supported"),
                arguments(withRoute("match: {host: a..com}"), "routes[0].match.host", "not a valid host name"),
                arguments(withRoute("match: {host: \"[::g]\"}"), "routes[0].match.host", "not a valid IPv6 address"),
                arguments(withRoute("match: {pathPrefix: v1}"), "routes[0].match.pathPrefix", "must start with '/'"),
                arguments(withRoute("match: {pathPrefix: /a b}"), "routes[0].match.pathPrefix",
                        "must be a path without spaces, '?' or '#'"),
                arguments(withRoute("match: {pathPrefix: \"/a?x\"}"), "routes[0].match.pathPrefix",
                        "must be a path without spaces, '?' or '#'"));
    }

    static Stream<Arguments> wholeFileProblems() {
        return Stream.of(
                arguments("", "the file is empty; expected a mapping with a 'routes' list"),
                arguments("   \n# only a comment\n", "the file is empty"),
                arguments("- a\n- b\n", "expected a mapping with a 'routes' list at the top level, got a list"),
                arguments("just text", "expected a mapping with a 'routes' list at the top level, got the string"),
                arguments("routes: [", "not valid YAML: line "),
                arguments("routes: []\nroutes: []\n", "not valid YAML: line 2, column 1: found duplicate key routes"),
                arguments("a: 1\n---\nb: 2\n", "not valid YAML"),
                arguments("routes: !!javax.script.ScriptEngineManager [x]", "not valid YAML"),
                arguments(aliasBomb(), "not valid YAML: Number of aliases for non-scalar nodes exceeds"));
    }

    /** "Billion laughs": 20 aliases per level expand exponentially unless the alias limit stops them. */
    private static String aliasBomb() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x]\n");
        for (int level = 1; level <= 4; level++) {
            yaml.append("a").append(level).append(": &a").append(level).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(20, "*a" + (level - 1)))).append("]\n");
        }
        return yaml.toString();
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource({"unknownKeys", "wrongTypes", "missingOrEmpty", "outOfRangeOrMalformed"})
    void rejectsTheFileNamingTheKeyPath(String yaml, String keyPath, String problem) {
        assertRejected(yaml, keyPath, problem);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badUpstreams")
    void rejectsUpstreamsThatAreNotPlainHttpHostAndPort(String url, String problem) {
        String yaml = route("name: r, upstreams: [\"http://ok:1\", \"" + url + "\"], projectId: p");
        assertRejected(yaml, "routes[0].upstreams[1]", problem);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badRanges")
    void rejectsTrustedProxiesThatAreNotAddressesOrRanges(String range, String problem) {
        String yaml = route(VALID) + "trustedProxies: [\"10.0.0.0/8\", \"" + range + "\"]";
        assertRejected(yaml, "trustedProxies[1]", problem);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("wholeFileProblems")
    void rejectsFilesThatAreNotAMappingOfRoutes(String yaml, String problem) {
        assertRejected(yaml, "", problem);
    }

    @Test
    void namesTheKeyPathInsideSniEntries(@TempDir Path dir) throws IOException {
        Path pem = Files.writeString(dir.resolve("c.pem"), "x").toAbsolutePath();
        String tls = "tls: {cert: \"" + pem + "\", key: \"" + pem + "\", sni: [%s]}";
        assertRejected(route(VALID) + tls.formatted("{host: a.com, cert: \"" + pem + "\", key: \"" + pem
                + "\", port: 1}"), "tls.sni[0].port", "unknown key (allowed: host, cert, key)");
        assertRejected(route(VALID) + tls.formatted("{cert: \"" + pem + "\", key: \"" + pem + "\"}"),
                "tls.sni[0].host", "is required");
        assertRejected(route(VALID) + tls.formatted("{host: a.com, cert: \"" + pem + "\"}"),
                "tls.sni[0].key", "is required");
        assertRejected(route(VALID) + tls.formatted("x"), "tls.sni[0]", "must be a mapping");
    }

    private static void assertRejected(String yaml, String keyPath, String problem) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> RoutesFile.parse(yaml, "routes.yaml"));
        assertThat(e).as("accepted:\n%s", yaml).isNotNull();
        assertThat(e.keyPath()).isEqualTo(keyPath);
        assertThat(e.getMessage())
                .startsWith("routes.yaml: " + (keyPath.isEmpty() ? "" : keyPath + ": "))
                .contains(problem)
                .doesNotContain("\n");
    }
}
