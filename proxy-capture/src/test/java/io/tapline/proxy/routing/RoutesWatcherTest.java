package io.tapline.proxy.routing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RoutesWatcherTest {
    private static final Duration POLL = Duration.ofMillis(50);

    @TempDir
    Path dir;
    private RoutesWatcher watcher;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    private record Reloaded(ProxyConfig oldConfig, ProxyConfig newConfig, Set<String> removed) {
    }

    private record Failed(String error) {
    }

    @AfterEach
    void closeWatcher() {
        if (watcher != null) {
            watcher.close();
        }
    }

    private static String routes(String... containerIds) {
        StringBuilder yaml = new StringBuilder("routes:\n");
        for (String id : containerIds) {
            yaml.append("  - {name: r-").append(id).append(", upstreams: [\"http://h:1\"], projectId: p, containerId: ")
                    .append(id).append("}\n");
        }
        return yaml.toString();
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("routes.yaml");
        Path tmp = dir.resolve("routes.yaml.tmp");
        Files.writeString(tmp, yaml);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    private RoutesWatcher watch(Path file) {
        watcher = new RoutesWatcher(file);
        watcher.addListener(new RoutesWatcher.Listener() {
            @Override
            public void onReload(ProxyConfig oldConfig, ProxyConfig newConfig, Set<String> removedContainerIds) {
                events.add(new Reloaded(oldConfig, newConfig, removedContainerIds));
            }

            @Override
            public void onReloadFailed(String error) {
                events.add(new Failed(error));
            }
        });
        return watcher;
    }

    private Object nextEvent() throws InterruptedException {
        Object event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("no reload event within 10 s").isNotNull();
        return event;
    }

    @Test
    void reloadsAChangedFileAndReportsRemovedContainers() throws Exception {
        Path file = write(routes("c1", "c2", "c3"));
        watch(file).startPolling(POLL);
        ProxyConfig first = watcher.current();

        write(routes("c1", "c3", "c4"));

        Reloaded reloaded = (Reloaded) nextEvent();
        assertThat(reloaded.oldConfig()).isSameAs(first);
        assertThat(reloaded.newConfig()).isSameAs(watcher.current());
        assertThat(reloaded.newConfig().routes()).extracting(Route::containerId).containsExactly("c1", "c3", "c4");
        assertThat(reloaded.removed()).containsExactly("c2");
    }

    @Test
    void keepsTheOldConfigWhenTheNewFileIsInvalid() throws Exception {
        Path file = write(routes("c1"));
        watch(file).startPolling(POLL);
        ProxyConfig good = watcher.current();

        write("routes:\n  - {name: r, upstreams: [\"http://h:1\"], projectId: p, capture: {maxBodyByte: 1}}\n");

        Failed failed = (Failed) nextEvent();
        assertThat(failed.error()).isEqualTo(file + ": routes[0].capture.maxBodyByte: unknown key "
                + "(allowed: enabled, requestBody, responseBody, maxBodyBytes)");
        assertThat(watcher.current()).isSameAs(good);

        write(routes("c2"));
        Reloaded reloaded = (Reloaded) nextEvent();
        assertThat(reloaded.oldConfig()).isSameAs(good);
        assertThat(reloaded.removed()).containsExactly("c1");
    }

    @Test
    void reportsAnInvalidFileOnlyOnceWhileItStaysTheSame() throws Exception {
        Path file = write(routes("c1"));
        watch(file).startPolling(POLL);
        write("routes: []\n");
        assertThat(nextEvent()).isInstanceOf(Failed.class);
        assertThat(events.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void reloadsOnDemandWithoutPolling() throws Exception {
        Path file = write(routes("c1", "c2"));
        watch(file);
        write(routes("c2"));

        assertThat(watcher.reload()).isEmpty();
        assertThat(((Reloaded) nextEvent()).removed()).containsExactly("c1");
        assertThat(watcher.current().routes()).extracting(Route::containerId).containsExactly("c2");

        write("routes: [{name: x}]\n");
        Optional<String> error = watcher.reload();
        assertThat(error).hasValueSatisfying(e -> assertThat(e).contains("routes[0].upstreams: is required"));
        assertThat(nextEvent()).isEqualTo(new Failed(error.get()));
        assertThat(watcher.current().routes()).extracting(Route::containerId).containsExactly("c2");
    }

    @Test
    void reportsAFileThatDisappearedOnReload() throws Exception {
        Path file = write(routes("c1"));
        watch(file);
        Files.delete(file);
        assertThat(watcher.reload()).hasValueSatisfying(e -> assertThat(e).contains("cannot read the file"));
        assertThat(watcher.current().routes()).hasSize(1);
    }

    @Test
    void refusesToStartWithAnInvalidFile() throws Exception {
        Path file = write("routes: [{name: x, upstreams: [\"http://h:1\"]}]\n");
        assertThatThrownBy(() -> new RoutesWatcher(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": routes[0].projectId: is required");
    }

    @Test
    void stopsWatchingWhenClosed() throws Exception {
        Path file = write(routes("c1"));
        watch(file).startPolling(POLL);
        watcher.close();
        write(routes("c2"));
        assertThat(events.poll(500, TimeUnit.MILLISECONDS)).isNull();
        assertThat(watcher.current().routes()).extracting(Route::containerId).containsExactly("c1");
    }

    @Test
    void computesRemovedContainersIgnoringRoutesWithoutOne() {
        ProxyConfig old = RoutesFile.parse(routes("a", "b") + "  - {name: n, upstreams: [\"http://h:1\"], projectId: p}\n",
                "old");
        ProxyConfig next = RoutesFile.parse(routes("b", "c"), "new");
        assertThat(RoutesWatcher.removedContainerIds(old, next)).containsExactly("a");
        assertThat(RoutesWatcher.removedContainerIds(next, next)).isEmpty();
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void reloadsOnSighup() throws Exception {
        Path file = write(routes("c1"));
        watch(file);
        assumeTrue(watcher.installSighupHandler(), "SIGHUP cannot be handled in this JVM");
        write(routes("c9"));

        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid())).start();
        assertThat(kill.waitFor()).isZero();

        assertThat(((Reloaded) nextEvent()).removed()).containsExactly("c1");
    }
}
