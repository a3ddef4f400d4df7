package io.tapline.bench.stream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/stream: {@code --subscribers} concurrent SSE clients over loopback ({@link SseSubscribers}, tenants spread
 * over {@code --projects}) while a {@link StreamServer} in another JVM publishes {@code --rate} records a second,
 * once per feed source. Both sides' CPU time per frame is printed: the subscribers share the server's cores.
 * Prints capture-to-delivery latency (p50/p99/max over every frame after the warm-up) and the server's memory per
 * idle subscriber (heap after a full GC plus direct buffers, 1,000 connected idle subscribers minus none).
 * Exit status: 0 targets met, 2 a target missed, 1 the run failed.
 */
public final class StreamBenchmark {

    static final double TARGET_P99_INPROCESS_MS = 250;
    static final double TARGET_P99_ES_MS = 1_500;
    static final double TARGET_IDLE_KIB = 64;
    private static final Pattern READY = Pattern.compile("ready tenant=(\\d+) admin=(\\d+)");
    private static final Pattern METRIC = Pattern.compile("(bench_\\w+) (\\d+)");

    private StreamBenchmark() {
    }

    record Result(String source, long frames, double framesPerSecond, double p50, double p99, double max,
                  long dropped, long expected, double heapKiB, double directKiB, double serverCpuCores,
                  double cpuMicrosPerFrame, double clientCpuCores, double clientMicrosPerFrame) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        int subscribers = Integer.parseInt(o.getOrDefault("subscribers", "1000"));
        int rate = Integer.parseInt(o.getOrDefault("rate", "2000"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "30"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "20"));
        int projects = Integer.parseInt(o.getOrDefault("projects", "50"));
        List<String> sources = List.of(o.getOrDefault("sources", "inprocess,es").split(","));
        String serverHeap = o.getOrDefault("server-heap", "1g");
        int clientThreads = Integer.parseInt(o.getOrDefault("client-threads", "2"));
        System.out.printf("stream benchmark: %d subscribers (%d projects x %d), %d records/s for %d s after a %d s "
                        + "warm-up; load average %.2f on %d cores%n", subscribers, projects, subscribers / projects, rate,
                seconds, warmup, loadAverage(), Runtime.getRuntime().availableProcessors());
        List<Result> results = new ArrayList<>();
        for (String source : sources) {
            results.add(run(source.trim(), subscribers, rate, seconds, warmup, projects, serverHeap, clientThreads));
        }
        System.out.println();
        System.out.printf("%-10s %9s %8s %8s %8s %8s %15s %12s %9s %22s%n", "source", "frames/s", "p50 ms", "p99 ms",
                "max ms", "dropped", "frames/expected", "server CPU", "us/frame", "idle KiB/subscriber");
        boolean met = true;
        for (Result r : results) {
            System.out.printf("%-10s %9.0f %8.1f %8.1f %8.1f %8d %7d/%-7d %6.2f cores %9.1f %6.1f (heap %.1f + direct %.1f)%n",
                    r.source(), r.framesPerSecond(), r.p50(), r.p99(), r.max(), r.dropped(), r.frames(), r.expected(),
                    r.serverCpuCores(), r.cpuMicrosPerFrame(), r.heapKiB() + r.directKiB(), r.heapKiB(), r.directKiB());
            System.out.printf("%-10s client (subscribers) CPU %.2f cores, %.1f us/frame%n", "", r.clientCpuCores(),
                    r.clientMicrosPerFrame());
            double target = r.source().equals("es") ? TARGET_P99_ES_MS : TARGET_P99_INPROCESS_MS;
            met &= r.p99() <= target && r.heapKiB() + r.directKiB() <= TARGET_IDLE_KIB && r.frames() > 0;
        }
        System.out.printf("targets: p99 <= %.0f ms in-process, <= %.0f ms es (1 s refresh), <= %.0f KiB per idle "
                + "subscriber: %s; load average now %.2f%n", TARGET_P99_INPROCESS_MS, TARGET_P99_ES_MS, TARGET_IDLE_KIB,
                met ? "MET" : "MISSED", loadAverage());
        System.exit(met ? 0 : 2);
    }

    private static Result run(String source, int subscribers, int rate, int seconds, int warmup, int projects,
                              String serverHeap, int clientThreads) throws Exception {
        Path log = Files.createTempFile("tapline-bench-stream-" + source, ".log");
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms" + serverHeap, "-Xmx" + serverHeap, "-cp", System.getProperty("java.class.path"),
                StreamServer.class.getName(), source, Integer.toString(projects))
                .redirectError(log.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            Matcher ready = null;
            for (String line; (line = out.readLine()) != null; ) {
                Matcher m = READY.matcher(line);
                if (m.find()) {
                    ready = m;
                    break;
                }
            }
            if (ready == null) {
                throw new IllegalStateException("the " + source + " server did not start; see " + log);
            }
            int tenantPort = Integer.parseInt(ready.group(1));
            int adminPort = Integer.parseInt(ready.group(2));
            System.out.printf("[%s] server up (log %s); connecting %d subscribers%n", source, log, subscribers);
            Map<String, Long> before = memory(adminPort);

            SseSubscribers clients = new SseSubscribers(clientThreads, subscribers);
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", tenantPort);
            for (int i = 0; i < subscribers; i++) {
                clients.subscribe(address, "/api/proxy-logs/_logs/stream", "X-Bench-Tenant", "t" + (i % projects));
                if (i % 100 == 99) {
                    Thread.sleep(20);
                }
            }
            if (!clients.awaitAnswered(120, TimeUnit.SECONDS) || clients.refused() > 0) {
                throw new IllegalStateException(source + ": not every subscriber got its response headers in time, "
                        + clients.refused() + " refused");
            }
            Thread.sleep(3_000);
            Map<String, Long> idle = memory(adminPort);
            double heapKiB = (idle.get("bench_heap_bytes") - before.get("bench_heap_bytes")) / 1024.0 / subscribers;
            double directKiB = (idle.get("bench_direct_bytes") - before.get("bench_direct_bytes")) / 1024.0 / subscribers;
            System.out.printf("[%s] %d idle subscribers: %.1f KiB heap + %.1f KiB direct each; publishing%n", source,
                    subscribers, heapKiB, directKiB);

            OutputStream control = server.getOutputStream();
            long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
            clients.measureFrom(measureFrom);
            control.write(("publish " + rate + " " + (warmup + seconds) + "\n").getBytes(StandardCharsets.US_ASCII));
            control.flush();
            Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
            long cpuBefore = cpuNanos(server);
            long clientBefore = clientCpuNanos();
            long framesBefore = clients.measured();
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            long cpuNanos = cpuNanos(server) - cpuBefore;
            long clientNanos = clientCpuNanos() - clientBefore;
            long windowFrames = Math.max(1, clients.measured() - framesBefore);
            Thread.sleep(source.equals("es") ? 4_000 : 1_000); // frames captured last are still on their way
            SseSubscribers.Samples samples = clients.stopAndCollect();
            long[] latencies = samples.latencies();
            control.write("quit\n".getBytes(StandardCharsets.US_ASCII));
            control.flush();
            server.waitFor(60, TimeUnit.SECONDS);
            printSlices(source, samples, measureFrom, seconds);
            Arrays.sort(latencies);
            long expected = (long) rate * seconds * (subscribers / projects);
            System.out.printf("[%s] %d frames measured, %d dropped events, %d unexpected events or ends, %d errors%s%n",
                    source, latencies.length, clients.dropped(), clients.unexpected(), clients.errors(),
                    clients.errors() > 0 ? " (first: " + clients.firstError() + ")" : "");
            if (clients.errors() > 0 || clients.unexpected() > 0) {
                throw new IllegalStateException(source + ": the subscribers saw framing errors or unexpected events");
            }
            return new Result(source, latencies.length, latencies.length / (double) seconds, ms(latencies, 0.50),
                    ms(latencies, 0.99), latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6,
                    clients.dropped(), expected, heapKiB, directKiB, cpuNanos / 1e9 / seconds,
                    latencies.length == 0 ? Double.NaN : cpuNanos / 1e3 / latencies.length,
                    clientNanos / 1e9 / seconds, clientNanos / 1e3 / windowFrames);
        } finally {
            server.destroyForcibly();
        }
    }

    /**
     * p99 per 5 s of the measured window, by capture time: shows whether the tail is steady or a transient (a
     * node still warming up, a GC), which the whole-window p99 cannot tell.
     */
    private static void printSlices(String source, SseSubscribers.Samples samples, long from, int seconds) {
        int slices = Math.max(1, (seconds + 4) / 5);
        long width = TimeUnit.SECONDS.toNanos(5);
        List<List<Long>> bySlice = new ArrayList<>();
        for (int i = 0; i < slices; i++) {
            bySlice.add(new ArrayList<>());
        }
        for (int i = 0; i < samples.latencies().length; i++) {
            int slice = (int) Math.min(slices - 1, Math.max(0, (samples.captured()[i] - from) / width));
            bySlice.get(slice).add(samples.latencies()[i]);
        }
        StringBuilder line = new StringBuilder("[" + source + "] p99 ms per 5 s of capture time:");
        for (List<Long> slice : bySlice) {
            long[] sorted = slice.stream().mapToLong(Long::longValue).sorted().toArray();
            line.append(String.format(" %.0f", ms(sorted, 0.99)));
        }
        System.out.println(line);
    }

    /** CPU time of this JVM (the subscribers) so far. */
    private static long clientCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU time of the server JVM so far (Linux reports it for child processes). */
    private static long cpuNanos(Process server) {
        return server.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static double ms(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
    }

    private static Map<String, Long> memory(int adminPort) throws IOException, InterruptedException {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort
                + "/metrics")).header("X-API-Key", "bench-admin").build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Long> values = new LinkedHashMap<>();
        Matcher m = METRIC.matcher(body);
        while (m.find()) {
            values.put(m.group(1), Long.parseLong(m.group(2)));
        }
        if (!values.containsKey("bench_heap_bytes")) {
            throw new IllegalStateException("no memory figures in /metrics: " + body);
        }
        return values;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help")) {
                System.out.println("options: --subscribers 1000 --rate 2000 --seconds 30 --warmup 20 --projects 50 "
                        + "--sources inprocess,es --server-heap 1g --client-threads 2");
                System.exit(0);
            }
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
            }
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }
}
