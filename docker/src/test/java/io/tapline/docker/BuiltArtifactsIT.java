package io.tapline.docker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After `mvn package`: the build outputs the Dockerfiles copy exist, the gem the Logstash image installs registers
 * the plugin name the pipeline uses, and the tapline image's commands (compose's and the Dockerfile's default) run
 * with the real jar outside Docker, with compose's environment, as far as their first connection to the stack.
 */
class BuiltArtifactsIT {
    private static final Path JAR = DockerDir.REPO.resolve("launcher/target/tapline.jar");

    @Test
    void everyBuildOutputADockerfileCopiesExists() {
        for (String[] copy : DockerfilesTest.copies()) {
            assertThat(DockerDir.REPO.resolve(copy[1])).as(copy[0] + " COPY " + copy[1]
                    + " (run `mvn -DskipTests package` at the repository root)").isRegularFile();
        }
    }

    @Test
    void theGemTheLogstashImageInstallsRegistersThePipelinesFilterName() throws IOException {
        String gemSource = DockerfilesTest.copies().stream().map(c -> c[1]).filter(s -> s.endsWith(".gem"))
                .findFirst().orElseThrow();
        Map<String, byte[]> gem = Tar.files(Files.readAllBytes(DockerDir.REPO.resolve(gemSource)));
        Map<String, byte[]> data = Tar.files(Tar.gunzip(gem.get("data.tar.gz")));
        List<String> rubyFilters = data.keySet().stream().filter(n -> n.startsWith("lib/logstash/filters/")).toList();
        assertThat(rubyFilters).hasSize(1);
        String ruby = new String(data.get(rubyFilters.get(0)), StandardCharsets.UTF_8);
        assertThat(Pipeline.configName(ruby)).isEqualTo(Pipeline.firstFilterPlugin());
        String metadata = new String(Tar.gunzip(gem.get("metadata.gz")), StandardCharsets.UTF_8);
        assertThat(metadata).contains("logstash_plugin: 'true'", "logstash_group: filter");
    }

    @Test
    void theTaplineImagesCommandsRunWithTheRealJarUpToTheirFirstConnection(@TempDir Path dir) throws Exception {
        Map<String, String> example = EnvFile.filledIn();
        Map<List<String>, Map<String, String>> commands = new LinkedHashMap<>();
        for (Compose.Service s : Compose.load().services().values()) {
            Map<String, Object> build = s.build();
            if (build != null && "docker/tapline/Dockerfile".equals(build.get("dockerfile"))) {
                Map<String, String> env = new HashMap<>();
                s.environment().forEach((k, v) -> env.put(k, interpolate(v, example)));
                commands.put(s.command(), env);
            }
        }
        Dockerfile image = new Dockerfile(DockerDir.DOCKER.resolve("tapline/Dockerfile"));
        commands.put(image.execForm("CMD"), new HashMap<>());
        assertThat(commands.keySet()).containsExactlyInAnyOrder(List.of("serve", "--demo"),
                List.of("setup", "--kibana-url", "http://kibana:5601"), List.of("serve"));

        int deadPort = deadPort();
        for (Map.Entry<List<String>, Map<String, String>> command : commands.entrySet()) {
            Map<String, String> env = command.getValue();
            // the compose environment, with the stack's hosts replaced by a port where nothing listens
            env.put("TAPLINE_ES_URL", "http://127.0.0.1:" + deadPort);
            env.remove("TAPLINE_ES_CA_CERT");
            env.put("TAPLINE_DATA_DIR", dir.resolve(String.valueOf(command.getKey().hashCode())).toString());
            env.put("TAPLINE_BIND_HOST", "127.0.0.1");
            env.put("TAPLINE_API_PORT", "0");
            env.put("TAPLINE_ADMIN_PORT", "0");
            env.put("TAPLINE_PROXY_PORT", "0");
            Run run = tapline(command.getKey(), env);
            // picocli exits 2 on a command line it cannot parse; 1 is the one-line failure of a parsed command
            assertThat(run.code).as(command.getKey() + ": " + run.output).isEqualTo(1);
            assertThat(run.output).as(command.getKey().toString()).doesNotContain("Unknown option")
                    .contains("tapline: ").contains("127.0.0.1:" + deadPort).contains("unreachable");
        }
    }

    @Test
    void aCommandLineTheJarCannotParseWouldFailThatCheck() throws Exception {
        Run run = tapline(List.of("setup", "--kibana-uri", "http://kibana:5601"), Map.of());
        assertThat(run.code).isEqualTo(2);
        assertThat(run.output).contains("Unknown options: '--kibana-uri'");
    }

    private record Run(int code, String output) {
    }

    private static Run tapline(List<String> args, Map<String, String> env) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("TAPLINE_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(args + " did not exit: " + out);
        }
        return new Run(p.exitValue(), out);
    }

    private static int deadPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String interpolate(String value, Map<String, String> env) {
        if (value == null) {
            return null;
        }
        Matcher m = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)[^}]*}").matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(env.get(m.group(1))));
        }
        return m.appendTail(sb).toString();
    }
}
