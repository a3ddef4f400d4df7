package io.tapline.docker;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Secrets and settings come from docker/.env (documented in .env.example), never from the compose file itself. */
class SecretsTest {
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|token|encryption_?key|api_?key).*");
    private final Map<String, String> example = EnvFile.example();

    @Test
    void everyVariableTheComposeFileUsesIsDeclaredInEnvExampleAndEveryDeclaredOneIsUsed() {
        Set<String> used = new HashSet<>();
        Interpolation.uses(Compose.text()).forEach(u -> used.add(u.name()));
        assertThat(example.keySet()).containsAll(used);
        Set<String> unused = new HashSet<>(example.keySet());
        unused.removeAll(used);
        // compose reads COMPOSE_PROJECT_NAME from .env itself
        assertThat(unused).containsExactly("COMPOSE_PROJECT_NAME");
        assertThat(example).containsEntry("COMPOSE_PROJECT_NAME", "tapline");
    }

    @Test
    void noSecretIsWrittenIntoTheComposeFileAndNoneHasADefault() {
        for (Compose.Service s : Compose.load().services().values()) {
            s.environment().forEach((name, value) -> {
                if (SECRET.matcher(name).matches()) {
                    assertThat(Interpolation.onlyAVariable(value)).as(s.name() + " " + name + "=" + value).isTrue();
                }
            });
        }
        for (Interpolation.Use use : Interpolation.uses(Compose.text())) {
            if (SECRET.matcher(use.name()).matches()) {
                assertThat(use.required()).as("${" + use.name() + "} must be ${" + use.name() + ":?...}").isTrue();
            }
        }
        assertThat(Compose.text().toLowerCase()).doesNotContain("change-me").doesNotContain("changeme");
    }

    @Test
    void theSecretsOfEnvExampleArePlaceholdersAndEnvItselfIsIgnoredByGit() {
        example.forEach((name, value) -> {
            if (SECRET.matcher(name).matches()) {
                assertThat(value).as(name).startsWith("change-me");
            }
        });
        assertThat(List.of(DockerDir.read(DockerDir.DOCKER.resolve(".gitignore")).split("\n"))).contains(".env");
        assertThat(DockerDir.DOCKER.resolve(".env")).as("a committed docker/.env").doesNotExist();
    }

    @Test
    void theStackVersionIsTheOneTaplineIsBuiltAndTestedAgainst() {
        assertThat(example.get("STACK_VERSION")).isEqualTo(System.getProperty("stack.version"));
        assertThat(example.get("TAPLINE_VERSION")).isEqualTo(System.getProperty("tapline.version"));
        Dockerfile logstash = new Dockerfile(DockerDir.DOCKER.resolve("logstash/Dockerfile"));
        assertThat(logstash.args(Map.of())).containsEntry("LOGSTASH_VERSION", System.getProperty("stack.version"))
                .containsEntry("TAPLINE_VERSION", System.getProperty("tapline.version"));
    }

    @Test
    void interpolationIsReadAsComposeReadsIt() {
        assertThat(Interpolation.uses("a ${A} b ${B:-x} c ${C:?need C} d $D e $${NOT_ME} f $$G"))
                .containsExactly(new Interpolation.Use("A", null, null), new Interpolation.Use("B", ":-", "x"),
                        new Interpolation.Use("C", ":?", "need C"), new Interpolation.Use("D", null, null));
        assertThat(Interpolation.onlyAVariable("${X:?set X}")).isTrue();
        assertThat(Interpolation.onlyAVariable("elastic")).isFalse();
        assertThat(Interpolation.onlyAVariable("pre-${X}")).isFalse();
    }
}
