package io.tapline.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(EmbeddedElasticsearchExtension.class)
class EmbeddedElasticsearchTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void sharedNodeIsARealHealthyClusterOnLoopback(URI es) throws Exception {
        assertThat(es.getHost()).isEqualTo("127.0.0.1");
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(es.resolve("/_cluster/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).containsPattern("\"status\":\"(green|yellow)\"");

        HttpResponse<String> put = http.send(HttpRequest.newBuilder(es.resolve("/smoke/_doc/1?refresh=true"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"hello\":\"world\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(201);
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(es.resolve("/smoke/_doc/1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.body()).contains("\"hello\":\"world\"");
    }

    /** Also starts the second node with a lower CPU priority, as tapline serve does, and reads it back from /proc. */
    @Test
    void dataSurvivesARestartAndCloseStopsTheChild(@TempDir Path dir) throws Exception {
        EmbeddedElasticsearch first = EmbeddedElasticsearch.builder().dataDir(dir).build().start();
        long pid = first.pid();
        http.send(HttpRequest.newBuilder(first.httpUri().resolve("/keep/_doc/1?refresh=true"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"n\":1}")).build(), HttpResponse.BodyHandlers.ofString());
        first.close();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

        try (EmbeddedElasticsearch second = EmbeddedElasticsearch.builder().dataDir(dir).niceness(7).build().start()) {
            assertThat(ProcessNiceness.of(second.pid()))
                    .isEqualTo(ProcessNiceness.of(ProcessHandle.current().pid()) + 7);
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(
                    second.httpUri().resolve("/keep/_doc/1")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.body()).contains("\"n\":1");
        }
    }

    @Test
    void childNodeExitsWhenItsParentIsKilled(@TempDir Path dir) throws Exception {
        String cp = System.getProperty("java.class.path");
        Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", cp, ParentThatStartsANode.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        long childPid;
        try (var out = parent.inputReader()) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("child-pid="));
            assertThat(line).as("the parent printed its child's pid").isNotNull();
            childPid = Long.parseLong(line.substring("child-pid=".length()));
        }
        ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();
        assertThat(child.isAlive()).isTrue();

        parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
        child.onExit().get(60, TimeUnit.SECONDS);
        assertThat(child.isAlive()).isFalse();
    }

    @Test
    void anUnwritableDataDirectoryIsAOneLineError() {
        // /proc refuses new directories even to root, so this holds whoever runs the tests
        Path unwritable = Path.of("/proc/tapline-data-test");
        assertThatThrownBy(() -> EmbeddedElasticsearch.builder().dataDir(unwritable).build().start())
                .isInstanceOf(EmbeddedElasticsearchException.class)
                .hasMessageContaining("data directory /proc/tapline-data-test")
                .hasMessageContaining("not writable")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aDataDirectoryThatIsAFileIsAOneLineError(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        assertThatThrownBy(() -> EmbeddedElasticsearch.builder().dataDir(file).build().start())
                .isInstanceOf(EmbeddedElasticsearchException.class)
                .hasMessageContaining(file.toString())
                .hasMessageNotContaining("\n");
    }

    @Test
    void builderRejectsNonsense() {
        assertThatThrownBy(() -> EmbeddedElasticsearch.builder().heapMb(16).build())
                .hasMessageContaining("heapMb");
        assertThatThrownBy(() -> EmbeddedElasticsearch.builder().clusterName("Bad Name").build())
                .hasMessageContaining("clusterName");
        assertThatThrownBy(() -> EmbeddedElasticsearch.builder().niceness(20).build())
                .hasMessageContaining("niceness");
        assertThatThrownBy(() -> EmbeddedElasticsearch.builder().niceness(-1).build())
                .hasMessageContaining("niceness");
    }

    /** Run as a separate process by {@link #childNodeExitsWhenItsParentIsKilled}. */
    public static final class ParentThatStartsANode {
        public static void main(String[] args) throws Exception {
            EmbeddedElasticsearch node = EmbeddedElasticsearch.builder().dataDir(Path.of(args[0])).build().start();
            System.out.println("child-pid=" + node.pid());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
