package io.tapline.cli;

import io.tapline.cli.setup.FakeKibana;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the real jar: {@code tapline setup} twice against the embedded node under one data directory. */
class SetupEmbeddedIT {
    private static final int SAVED_OBJECTS = 12;

    @Test
    void setupRunTwiceAgainstTheEmbeddedNodeChangesNothingTheSecondTimeAndSaysSo(@TempDir Path dir) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString("kibana-admin:pw".getBytes(StandardCharsets.UTF_8));
        try (FakeKibana kibana = new FakeKibana(auth, null)) {
            Map<String, String> env = Map.of("TAPLINE_DATA_DIR", dir.toString(),
                    "TAPLINE_KIBANA_USER", "kibana-admin", "TAPLINE_KIBANA_PASSWORD", "pw");

            List<String> first = setup(env, kibana);
            assertThat(first.stream().filter(l -> l.contains("ILM")))
                    .containsExactly("tapline: ILM policy tapline-logs: skipped (the cluster has no ILM (no x-pack);"
                            + " retention drops whole daily indices instead)");
            assertThat(first).contains("tapline: index template tapline-logs: created (daily indices)");
            assertThat(first.stream().filter(l -> l.startsWith("tapline: Kibana ") && l.contains(": created (")))
                    .hasSize(SAVED_OBJECTS)
                    .contains("tapline: Kibana dashboard tapline-dashboard-traffic: created (Tapline: traffic)");
            assertThat(first.get(first.size() - 1)).isEqualTo("tapline: setup done: 13 created, 1 skipped");

            List<String> second = setup(env, kibana);
            assertThat(second).contains("tapline: index template tapline-logs: unchanged (daily indices)")
                    .doesNotContain("tapline: index template tapline-logs: created (daily indices)");
            assertThat(second.stream().filter(l -> l.startsWith("tapline: Kibana ") && l.contains(": unchanged (")))
                    .hasSize(SAVED_OBJECTS);
            assertThat(second.get(second.size() - 1))
                    .isEqualTo("tapline: setup done: nothing changed (13 unchanged, 1 skipped)");

            assertThat(kibana.imports()).as("Kibana imports over both runs").hasSize(1);
            assertThat(kibana.violations()).isEmpty();
        }
    }

    private static List<String> setup(Map<String, String> env, FakeKibana kibana) throws Exception {
        try (TaplineProcess tapline = TaplineProcess.start(env, "setup", "--kibana-url", kibana.url().toString())) {
            int code = tapline.awaitExit(Duration.ofSeconds(180));
            assertThat(code).as("exit code; stdout %s stderr %s", tapline.stdout, tapline.stderr).isZero();
            return List.copyOf(tapline.stdout);
        }
    }
}
