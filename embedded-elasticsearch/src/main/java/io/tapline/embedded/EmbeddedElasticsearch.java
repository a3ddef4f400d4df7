package io.tapline.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A real Elasticsearch node running in a child JVM, with its data under a directory of the caller's
 * choosing, listening on a free loopback port. The child stops when {@link #close()} is called, and also
 * by itself when this JVM dies, so no node is ever left behind.
 */
public final class EmbeddedElasticsearch implements AutoCloseable {
    /** The {@code nice} program, where the system has one (POSIX systems do). */
    private static final java.util.Optional<Path> NICE = Stream.of("/usr/bin/nice", "/bin/nice").map(Path::of)
            .filter(Files::isExecutable).findFirst();

    private final Path dataDir;
    private final int heapMb;
    private final Duration startTimeout;
    private final String clusterName;
    private final int niceness;

    private Process process;
    private URI httpUri;

    private EmbeddedElasticsearch(Builder b) {
        this.dataDir = b.dataDir.toAbsolutePath().normalize();
        this.heapMb = b.heapMb;
        this.startTimeout = b.startTimeout;
        this.clusterName = b.clusterName;
        this.niceness = b.niceness;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Prepares the node's directories, starts the child JVM and waits until the cluster is yellow or green. */
    public synchronized EmbeddedElasticsearch start() {
        if (process != null) {
            throw new IllegalStateException("already started");
        }
        Path esDir = dataDir.resolve("elasticsearch");
        Path home = esDir.resolve("home");
        Path logs = esDir.resolve("logs");
        Path data = esDir.resolve("data");
        createWritable(dataDir, esDir, home.resolve("config"), logs, data);
        Distribution dist = Distribution.locate(esDir.resolve("dist"));
        installModules(dist, home.resolve("modules"));
        Path portsFile = logs.resolve("http.ports");
        Path console = logs.resolve("console.log");
        try {
            Files.deleteIfExists(portsFile);
        } catch (IOException e) {
            throw new EmbeddedElasticsearchException("cannot clean " + portsFile + ": " + e.getMessage(), e);
        }

        List<String> cmd = new ArrayList<>();
        if (niceness > 0 && NICE.isPresent()) {
            // nice execs the JVM: the child's pid stays the node's
            cmd.add(NICE.get().toString());
            cmd.add("-n");
            cmd.add(Integer.toString(niceness));
        }
        cmd.add(javaExecutable());
        cmd.add("-Xms" + heapMb + "m");
        cmd.add("-Xmx" + heapMb + "m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:-OmitStackTraceInFastThrow");
        cmd.add("-Dlog4j2.disable.jmx=true");
        cmd.add("-Dfile.encoding=UTF-8");
        cmd.add("-Djava.io.tmpdir=" + esDir.resolve("tmp"));
        cmd.add("-Dtapline.parent.pid=" + ProcessHandle.current().pid());
        cmd.add("--module-path");
        cmd.add(dist.libDir().toString());
        cmd.add("--add-modules");
        cmd.add("ALL-MODULE-PATH");
        cmd.add("-cp");
        cmd.add(dist.launcherJar().toString());
        cmd.add("io.tapline.esnode.NodeMain");
        cmd.add("path.home=" + home);
        cmd.add("path.data=" + data);
        cmd.add("path.logs=" + logs);
        cmd.add("cluster.name=" + clusterName);
        cmd.add("node.name=" + clusterName + "-node");
        cmd.add("discovery.type=single-node");
        cmd.add("network.host=127.0.0.1");
        cmd.add("http.port=0");
        cmd.add("transport.port=0");
        cmd.add("node.portsfile=true");
        cmd.add("cluster.routing.allocation.disk.threshold_enabled=false");
        cmd.add("action.auto_create_index=true");
        try {
            Files.createDirectories(esDir.resolve("tmp"));
            process = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()))
                    .start();
        } catch (IOException e) {
            throw new EmbeddedElasticsearchException("cannot start the Elasticsearch JVM: " + e.getMessage(), e);
        }
        try {
            long deadline = System.nanoTime() + startTimeout.toNanos();
            String address = awaitPortsFile(portsFile, console, deadline);
            httpUri = URI.create("http://" + address);
            awaitHealthy(deadline, console);
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The node's HTTP address, e.g. {@code http://127.0.0.1:41235}. */
    public synchronized URI httpUri() {
        if (httpUri == null) {
            throw new IllegalStateException("not started");
        }
        return httpUri;
    }

    /** The directory under which the node keeps its data, logs and home. */
    public Path dataDir() {
        return dataDir;
    }

    /** The child JVM's process id, while it runs. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("not started");
        }
        return process.pid();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Asks the node to stop, waits for it, and kills it if it does not stop in time. Idempotent. */
    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        Process p = process;
        process = null;
        try {
            OutputStream stdin = p.getOutputStream();
            stdin.write("stop\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            stdin.close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String awaitPortsFile(Path portsFile, Path console, long deadline) {
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new EmbeddedElasticsearchException("Elasticsearch exited during start (exit code "
                        + process.exitValue() + "): " + lastErrorLine(console) + " (see " + console + ")");
            }
            try {
                if (Files.isRegularFile(portsFile)) {
                    List<String> lines = Files.readAllLines(portsFile);
                    if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                        return lines.get(0).trim();
                    }
                }
                Thread.sleep(50);
            } catch (IOException e) {
                // the node writes the file atomically; a read error means: not there yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddedElasticsearchException("interrupted while starting Elasticsearch", e);
            }
        }
        throw new EmbeddedElasticsearchException("Elasticsearch did not start within " + startTimeout.toSeconds()
                + " s (see " + console + ")");
    }

    private void awaitHealthy(long deadline, Path console) {
        URI health = httpUri.resolve("/_cluster/health?wait_for_status=yellow&timeout=5s");
        while (System.nanoTime() < deadline) {
            try {
                HttpURLConnection c = (HttpURLConnection) health.toURL().openConnection();
                c.setConnectTimeout(2000);
                c.setReadTimeout(10000);
                int code = c.getResponseCode();
                try (InputStream in = code < 400 ? c.getInputStream() : c.getErrorStream()) {
                    String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    if (code == 200 && !body.contains("\"status\":\"red\"")) {
                        return;
                    }
                }
            } catch (IOException e) {
                // not answering yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddedElasticsearchException("interrupted while starting Elasticsearch", e);
            }
        }
        throw new EmbeddedElasticsearchException("Elasticsearch did not become healthy within "
                + startTimeout.toSeconds() + " s (see " + console + ")");
    }

    private static void createWritable(Path... dirs) {
        for (Path dir : dirs) {
            try {
                Files.createDirectories(dir);
            } catch (AccessDeniedException e) {
                throw new EmbeddedElasticsearchException("data directory " + dir + " is not writable");
            } catch (IOException e) {
                throw new EmbeddedElasticsearchException("data directory " + dir + " is not writable ("
                        + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
            }
            if (!Files.isWritable(dir)) {
                throw new EmbeddedElasticsearchException("data directory " + dir + " is not writable");
            }
        }
    }

    /** Copies the netty4 transport into the node's home, with the descriptor Elasticsearch looks for. */
    private static void installModules(Distribution dist, Path modulesDir) {
        Path target = modulesDir.resolve("transport-netty4");
        try {
            Distribution.deleteTree(modulesDir);
            Files.createDirectories(target);
            Path pluginJar = null;
            try (Stream<Path> jars = Files.list(dist.nettyModuleDir())) {
                for (Path jar : jars.toList()) {
                    Files.copy(jar, target.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    if (jar.getFileName().toString().startsWith("transport-netty4-")) {
                        pluginJar = jar;
                    }
                }
            }
            if (pluginJar == null) {
                throw new EmbeddedElasticsearchException("transport-netty4 jar missing from " + dist.nettyModuleDir());
            }
            try (JarFile jar = new JarFile(pluginJar.toFile());
                 InputStream in = jar.getInputStream(Objects.requireNonNull(
                         jar.getJarEntry("META-INF/es-plugins/transport-netty4/plugin-descriptor.properties"),
                         "plugin descriptor"))) {
                Files.copy(in, target.resolve("plugin-descriptor.properties"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (AccessDeniedException e) {
            throw new EmbeddedElasticsearchException("data directory " + modulesDir + " is not writable");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String lastErrorLine(Path console) {
        try {
            List<String> lines = Files.readAllLines(console, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                String l = lines.get(i);
                if (l.contains("Exception") || l.contains("ERROR") || l.contains("error")) {
                    return l.length() > 300 ? l.substring(0, 300) : l;
                }
            }
            return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "no output";
        }
    }

    /** Configures a node; {@link #build()} validates. */
    public static final class Builder {
        private Path dataDir = Path.of("tapline-data");
        private int heapMb = 512;
        private Duration startTimeout = Duration.ofSeconds(120);
        private String clusterName = "tapline";
        private int niceness;

        private Builder() {
        }

        /** Where the node keeps data, logs and its home ({@code <dataDir>/elasticsearch}). */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        public Builder heapMb(int heapMb) {
            this.heapMb = heapMb;
            return this;
        }

        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
            return this;
        }

        /**
         * The child JVM's scheduling niceness, 0 (default: as this JVM) to 19 (yield the CPU to everything else).
         * {@code tapline serve} lowers the node's priority so that, on a busy machine, the proxy's traffic is
         * served first and indexing catches up when the CPU is free (the sink's spool holds the records meanwhile).
         * Ignored where there is no {@code nice} program.
         */
        public Builder niceness(int niceness) {
            this.niceness = niceness;
            return this;
        }

        public Builder clusterName(String clusterName) {
            this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
            return this;
        }

        public EmbeddedElasticsearch build() {
            if (heapMb < 128) {
                throw new IllegalArgumentException("heapMb must be >= 128");
            }
            if (niceness < 0 || niceness > 19) {
                throw new IllegalArgumentException("niceness must be between 0 and 19");
            }
            if (!clusterName.matches("[a-z0-9_-]+")) {
                throw new IllegalArgumentException("clusterName must match [a-z0-9_-]+");
            }
            return new EmbeddedElasticsearch(this);
        }
    }
}
