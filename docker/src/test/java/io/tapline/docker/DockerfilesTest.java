package io.tapline.docker;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Dockerfile the compose file builds copies only what exists in its build context and what its
 * .dockerignore lets through. Build outputs (under target/) exist only after `mvn package`: BuiltArtifactsIT checks
 * those, and this test checks that they are exactly the jar and the gem.
 */
class DockerfilesTest {
    /** Every (Dockerfile, source) pair the compose file's builds copy from the context. */
    static List<String[]> copies() {
        List<String[]> out = new ArrayList<>();
        Map<String, String> env = EnvFile.example();
        for (Compose.Service s : Compose.load().services().values()) {
            Map<String, Object> build = s.build();
            if (build == null) {
                continue;
            }
            Map<String, String> args = new HashMap<>();
            if (build.get("args") instanceof Map<?, ?> a) {
                a.forEach((k, v) -> args.put(String.valueOf(k), interpolate(String.valueOf(v), env)));
            }
            String dockerfile = (String) build.get("dockerfile");
            for (String source : new Dockerfile(DockerDir.REPO.resolve(dockerfile)).contextSources(args)) {
                // two services may build the same image
                if (out.stream().noneMatch(c -> c[0].equals(dockerfile) && c[1].equals(source))) {
                    out.add(new String[]{dockerfile, source});
                }
            }
        }
        return out;
    }

    @Test
    void everyCopySourceIsInTheBuildContextAndNotIgnored() {
        List<String> builtLater = new ArrayList<>();
        for (String[] copy : copies()) {
            Path dockerfile = DockerDir.REPO.resolve(copy[0]);
            DockerIgnore ignore = DockerIgnore.forDockerfile(dockerfile, DockerDir.REPO);
            assertThat(ignore.excludes(copy[1])).as(copy[0] + " COPY " + copy[1] + " is dockerignored").isFalse();
            if (copy[1].contains("/target/")) {
                builtLater.add(copy[1]);
            } else {
                assertThat(DockerDir.REPO.resolve(copy[1])).as(copy[0] + " COPY " + copy[1]).exists();
            }
        }
        String version = System.getProperty("tapline.version");
        assertThat(builtLater).containsExactlyInAnyOrder("launcher/target/tapline.jar",
                "logstash-filter/target/logstash-filter-tapline_enrich-" + version + "-java.gem");
    }

    @Test
    void theDockerignoreFilesKeepEverythingElseOutOfTheContext() {
        DockerIgnore tapline = DockerIgnore.forDockerfile(DockerDir.DOCKER.resolve("tapline/Dockerfile"), DockerDir.REPO);
        assertThat(tapline.excludes("launcher/target/tapline.jar")).isFalse();
        assertThat(tapline.excludes("tapline-data/admin-token")).isTrue();
        assertThat(tapline.excludes("docker/.env")).isTrue();
        assertThat(tapline.excludes("launcher/target/classes/io/tapline/cli/Tapline.class")).isTrue();
        DockerIgnore logstash = DockerIgnore.forDockerfile(DockerDir.DOCKER.resolve("logstash/Dockerfile"), DockerDir.REPO);
        assertThat(logstash.excludes("docker/logstash/pipeline/tapline.conf")).isFalse();
        assertThat(logstash.excludes("docker/.env")).isTrue();
        assertThat(logstash.excludes("logstash-filter/target/gem/lib/logstash/filters/tapline_enrich.rb")).isTrue();
    }

    @Test
    void dockerignorePatternsFollowTheBuildersRules() {
        DockerIgnore ignore = DockerIgnore.of("# comment\n*\n!keep/\n!**/*.md\nkeep/secret\n");
        assertThat(ignore.excludes("top.txt")).isTrue();
        assertThat(ignore.excludes("keep/a/b.txt")).isFalse();
        assertThat(ignore.excludes("keep/secret")).isTrue();
        assertThat(ignore.excludes("x/y/README.md")).isFalse();
        assertThat(ignore.excludes("x/y/z.txt")).isTrue();
    }

    @Test
    void theTaplineImageRunsTheJarItCopiesAsANonRootUser() {
        Dockerfile tapline = new Dockerfile(DockerDir.DOCKER.resolve("tapline/Dockerfile"));
        String copy = tapline.all("COPY").get(0).arguments();
        String destination = copy.substring(copy.lastIndexOf(' ') + 1);
        List<String> entrypoint = tapline.execForm("ENTRYPOINT");
        assertThat(entrypoint).startsWith("java").contains("-jar");
        assertThat(entrypoint.get(entrypoint.indexOf("-jar") + 1)).isEqualTo(destination);
        assertThat(tapline.execForm("CMD")).containsExactly("serve");
        assertThat(tapline.all("USER")).extracting(Dockerfile.Instruction::arguments).containsExactly("tapline");
        assertThat(tapline.all("EXPOSE").get(0).arguments()).isEqualTo("8080 3000 3001");
    }

    @Test
    void theLogstashImageInstallsTheGemItCopiesAndReplacesTheDefaultPipeline() {
        Dockerfile logstash = new Dockerfile(DockerDir.DOCKER.resolve("logstash/Dockerfile"));
        Map<String, String> args = logstash.args(Map.of());
        String gemCopy = Dockerfile.substitute(logstash.all("COPY").get(0).arguments(), args);
        String gemFile = gemCopy.substring(gemCopy.lastIndexOf('/', gemCopy.indexOf(' ')) + 1, gemCopy.indexOf(' '));
        String install = Dockerfile.substitute(logstash.all("RUN").get(0).arguments(), args);
        assertThat(install).contains("bin/logstash-plugin install --no-verify --local /tmp/" + gemFile);
        assertThat(logstash.all("COPY").get(1).arguments())
                .isEqualTo("docker/logstash/pipeline/tapline.conf /usr/share/logstash/pipeline/tapline.conf");
        assertThat(logstash.all("EXPOSE").get(0).arguments()).isEqualTo(String.valueOf(Pipeline.tcpPort()));
    }

    private static String interpolate(String value, Map<String, String> env) {
        StringBuilder sb = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)[^}]*}").matcher(value);
        while (m.find()) {
            m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(env.get(m.group(1))));
        }
        return m.appendTail(sb).toString();
    }
}
