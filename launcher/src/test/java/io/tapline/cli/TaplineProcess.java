package io.tapline.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real {@code tapline.jar} run as a child process, with its output captured line by line. */
final class TaplineProcess implements AutoCloseable {
    private static final Pattern LISTEN = Pattern.compile("API \\((tenant|admin)\\)\\s+http://([^\\s]+)");
    private static final Pattern PROXY = Pattern.compile("proxy\\s+http://([0-9.]+):([0-9]+)");

    final Process process;
    final List<String> stdout = Collections.synchronizedList(new ArrayList<>());
    final List<String> stderr = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch ready = new CountDownLatch(1);
    volatile String tenant;
    volatile String admin;

    private final List<Thread> pumps = new ArrayList<>();

    private TaplineProcess(Process process) {
        this.process = process;
        pumps.add(pump(process.getInputStream(), stdout, true));
        pumps.add(pump(process.getErrorStream(), stderr, false));
    }

    static TaplineProcess start(Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("TAPLINE_"));
        pb.environment().putAll(env);
        return new TaplineProcess(pb.start());
    }

    static String jar() {
        String jar = System.getProperty("tapline.jar");
        if (jar == null) {
            throw new IllegalStateException("system property tapline.jar is not set (run through mvn verify)");
        }
        return jar;
    }

    /** The capture proxy's port, from the line the process printed once ready. */
    int proxyPort() {
        for (String line : List.copyOf(stdout)) {
            Matcher m = PROXY.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(2));
            }
        }
        throw new AssertionError("no proxy line in " + stdout);
    }

    boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("tapline did not exit within " + timeout);
        }
        for (Thread pump : pumps) {
            pump.join(5_000); // every line the process wrote is captured before anyone asserts on it
        }
        return process.exitValue();
    }

    private Thread pump(java.io.InputStream in, List<String> sink, boolean watch) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    sink.add(line);
                    if (watch) {
                        Matcher m = LISTEN.matcher(line);
                        if (m.find()) {
                            if (m.group(1).equals("tenant")) {
                                tenant = "http://" + m.group(2);
                            } else {
                                admin = "http://" + m.group(2);
                            }
                        }
                        if (line.equals("tapline: ready")) {
                            ready.countDown();
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "tapline-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
