package io.tapline.docker;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-shot scripts parse, and init refuses weak secrets: both run here with bash, outside Docker. */
class ScriptsTest {
    private static final Path INIT = DockerDir.DOCKER.resolve("elasticsearch/init.sh");
    private static final Path USERS = DockerDir.DOCKER.resolve("elasticsearch/create-users.sh");

    @Test
    void theScriptsAreValidBash() throws Exception {
        for (Path script : List.of(INIT, USERS)) {
            Result r = bash(Map.of(), "-n", script.toString());
            assertThat(r.code).as(script + ": " + r.stderr).isZero();
        }
    }

    @Test
    void initRefusesEveryPlaceholderOfEnvExampleBeforeCreatingAnything() throws Exception {
        Result r = bash(EnvFile.example(), INIT.toString());
        assertThat(r.code).isEqualTo(1);
        assertThat(r.stderr.strip().split("\n")).containsExactly(
                "init: ELASTIC_PASSWORD is unset, a placeholder or shorter than 12 characters: set it in docker/.env",
                "init: KIBANA_SYSTEM_PASSWORD is unset, a placeholder or shorter than 12 characters: set it in docker/.env",
                "init: LOGSTASH_ES_PASSWORD is unset, a placeholder or shorter than 12 characters: set it in docker/.env",
                "init: TAPLINE_ES_PASSWORD is unset, a placeholder or shorter than 12 characters: set it in docker/.env",
                "init: TAPLINE_ADMIN_TOKEN is unset, a placeholder or shorter than 16 characters: set it in docker/.env",
                "init: KIBANA_ENCRYPTION_KEY is unset, a placeholder or shorter than 32 characters: set it in docker/.env");
    }

    @Test
    void initAcceptsTheSecretsOfAFilledInEnvFile() throws Exception {
        // stops short of creating certificates: everything after the check needs the Elasticsearch image
        String check = DockerDir.read(INIT);
        check = check.substring(check.indexOf("weak=0"), check.indexOf("fi\n", check.indexOf("if (( weak ))")) + 3);
        Result r = bash(EnvFile.filledIn(), "-c", check + "echo checked");
        assertThat(r.stderr).isEmpty();
        assertThat(r.stdout).isEqualTo("checked\n");
    }

    @Test
    void initNamesTheOneSecretThatIsTooShort() throws Exception {
        Map<String, String> env = new HashMap<>();
        for (String name : List.of("ELASTIC_PASSWORD", "KIBANA_SYSTEM_PASSWORD", "LOGSTASH_ES_PASSWORD",
                "TAPLINE_ES_PASSWORD", "KIBANA_ENCRYPTION_KEY")) {
            env.put(name, "Zq8#vL2\"pW9\\kR4$tY7mN3xB6cH1sD5f");
        }
        env.put("TAPLINE_ADMIN_TOKEN", "short-token");
        Result r = bash(env, INIT.toString());
        assertThat(r.code).isEqualTo(1);
        assertThat(r.stderr.strip()).isEqualTo(
                "init: TAPLINE_ADMIN_TOKEN is unset, a placeholder or shorter than 16 characters: set it in docker/.env");
    }

    @Test
    void theUsersScriptEscapesPasswordsIntoValidJson() throws Exception {
        // the json() helper, run alone: quotes and backslashes in a password must not break the request body
        String helper = DockerDir.read(USERS);
        String function = helper.substring(helper.indexOf("json() {"), helper.indexOf("\n}\n", helper.indexOf("json() {")) + 3);
        Result r = bash(Map.of("P", "a\"b\\c d"), "-c", function + "json \"$P\"");
        assertThat(r.code).isZero();
        assertThat(r.stdout).isEqualTo("\"a\\\"b\\\\c d\"");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readValue(r.stdout, String.class)).isEqualTo("a\"b\\c d");
    }

    private record Result(int code, String stdout, String stderr) {
    }

    private static Result bash(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv("PATH"));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bash did not finish: " + cmd);
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
