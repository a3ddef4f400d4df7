package io.tapline.cli;

import io.tapline.cli.setup.FakeKibana;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the real jar's {@code tapline setup} against a running cluster (the shared embedded node, given as
 * {@code --es-url}) and a Kibana stand-in: every failure is one line on stderr and a non-zero exit.
 */
@org.junit.jupiter.api.extension.ExtendWith(EmbeddedElasticsearchExtension.class)
class SetupIT {
    private static final String AUTH = "ApiKey a2liYW5hOnNlY3JldA==";
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void noTemplate(URI es) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(es + "/_index_template/tapline-logs")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aKibanaImportErrorIsOneClearLineAndANonZeroExit(URI es) throws Exception {
        try (FakeKibana kibana = new FakeKibana(AUTH, null)) {
            kibana.failNextImportWith(200, "{\"successCount\":11,\"success\":false,\"warnings\":[],\"errors\":[{\"id\":"
                    + "\"tapline-lens-status-codes\",\"type\":\"lens\",\"title\":\"Tapline: status codes\",\"meta\":{},"
                    + "\"error\":{\"type\":\"unknown\",\"message\":\"Saved object [lens/tapline-lens-status-codes]"
                    + " is invalid\",\"statusCode\":400}}]}");
            TaplineProcess tapline = run(es, kibana, Map.of("TAPLINE_KIBANA_API_KEY", "a2liYW5hOnNlY3JldA=="));
            assertThat(tapline.awaitExit(Duration.ofSeconds(120))).isEqualTo(1);
            assertThat(tapline.stdout).contains("tapline: index template tapline-logs: created (daily indices)");
            assertThat(tapline.stderr).containsExactly("tapline: Kibana refused 1 of 12 saved objects: lens"
                    + " tapline-lens-status-codes: unknown Saved object [lens/tapline-lens-status-codes] is invalid (400)");
            assertThat(kibana.violations()).isEmpty();
        }
    }

    @Test
    void kibanaRefusingTheCredentialsIsOneLineNamingWhatToCheck(URI es) throws Exception {
        try (FakeKibana kibana = new FakeKibana(AUTH, null)) {
            TaplineProcess tapline = run(es, kibana, Map.of("TAPLINE_KIBANA_USER", "elastic",
                    "TAPLINE_KIBANA_PASSWORD", "wrong"));
            assertThat(tapline.awaitExit(Duration.ofSeconds(120))).isEqualTo(1);
            assertThat(tapline.stderr).containsExactly("tapline: Kibana refused to look up the saved objects: 401"
                    + " Unauthorized: [security_exception] unable to authenticate user (check TAPLINE_KIBANA_USER/_PASSWORD"
                    + " or TAPLINE_KIBANA_API_KEY)");
            assertThat(kibana.imports()).isEmpty();
        }
    }

    @Test
    void dataStreamsOnAClusterWithoutThemAreOneLineANonZeroExitAndNoChange(URI es) throws Exception {
        try (TaplineProcess tapline = TaplineProcess.start(Map.of(), "setup", "--es-url", es.toString(),
                "--data-stream")) {
            assertThat(tapline.awaitExit(Duration.ofSeconds(120))).isEqualTo(1);
            assertThat(tapline.stderr).containsExactly("tapline: --data-stream: the cluster at " + es
                    + " has no data streams (they need x-pack; the embedded node has none); nothing was installed");
            assertThat(tapline.stdout).noneMatch(l -> l.contains("index template"));
        }
        HttpResponse<String> template = http.send(HttpRequest.newBuilder(URI.create(es + "/_index_template/tapline-logs"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(template.statusCode()).isEqualTo(404);
    }

    @Test
    void anUnreachableKibanaIsOneLineAfterTheTemplateIsInstalled(URI es) throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        try (TaplineProcess tapline = TaplineProcess.start(Map.of(), "setup", "--es-url", es.toString(),
                "--kibana-url", "http://127.0.0.1:" + dead)) {
            assertThat(tapline.awaitExit(Duration.ofSeconds(120))).isEqualTo(1);
            assertThat(tapline.stdout).contains("tapline: index template tapline-logs: created (daily indices)");
            assertThat(tapline.stderr).containsExactly("tapline: Kibana at http://127.0.0.1:" + dead
                    + " is unreachable (connection refused)");
        }
    }

    @Test
    void aMalformedKibanaUrlIsRefusedBeforeAnythingIsInstalled() throws Exception {
        try (TaplineProcess tapline = TaplineProcess.start(Map.of("TAPLINE_KIBANA_URL", "kibana:5601"), "setup")) {
            assertThat(tapline.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(tapline.stderr).containsExactly("tapline: TAPLINE_KIBANA_URL: not an http(s) base URL: kibana:5601");
            assertThat(tapline.stdout).isEmpty();
        }
    }

    @Test
    void helpListsTheOptions() throws Exception {
        try (TaplineProcess tapline = TaplineProcess.start(Map.of(), "setup", "--help")) {
            assertThat(tapline.awaitExit(Duration.ofSeconds(60))).isZero();
            assertThat(String.join("\n", tapline.stdout)).contains("--kibana-url", "--data-stream", "--es-url",
                    "--kibana-space", "TAPLINE_ES_PASSWORD");
        }
    }

    private static TaplineProcess run(URI es, FakeKibana kibana, Map<String, String> env) throws Exception {
        return TaplineProcess.start(env, "setup", "--es-url", es.toString(), "--kibana-url", kibana.url().toString());
    }
}
