package io.tapline.bench.filter;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Before/after comparison of two builds of this benchmark's jar, for a machine others are busy on, where two JMH
 * runs of the same code differ by more than most changes do. Both jars are loaded side by side in this JVM, each
 * by its own class loader; batches of {@value FilterBenchmark#BATCH} freshly parsed workload records are handed to
 * each build in turn (the order alternating), and the thread's CPU time is read around each build's call. Both
 * builds see the same moments of the machine's load, so the median of the per-batch ratios holds still where the
 * runs' own figures do not.
 *
 * <pre>java -cp bench/filter/target/filter-bench.jar io.tapline.bench.filter.PairedRun core|adapter SECONDS A.jar B.jar...</pre>
 */
public final class PairedRun {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private PairedRun() {
    }

    /** One build: its own parser, and the core or the filter run on what it parsed. */
    private static final class Build {
        final String name;
        final Object mapper;
        final Method readValue;
        final Method enrich;
        final Object enricher;
        final Object filter;
        final Method filterMethod;
        final Object listener;
        final Constructor<?> newEvent;
        final Method setTimestamp;
        final Method setField;

        Build(String jar, boolean adapter) throws Exception {
            name = Path.of(jar).getFileName().toString();
            ClassLoader loader = new URLClassLoader(new URL[]{Path.of(jar).toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            Class<?> mapperClass = loader.loadClass("com.fasterxml.jackson.databind.ObjectMapper");
            mapper = mapperClass.getConstructor().newInstance();
            readValue = mapperClass.getMethod("readValue", byte[].class, Class.class);
            enricher = loader.loadClass("io.tapline.enrich.Enricher").getMethod("withDefaults").invoke(null);
            enrich = enricher.getClass().getMethod("enrich", Map.class);
            Class<?> filterClass = loader.loadClass("io.tapline.logstash.TaplineEnrich");
            Class<?> configuration = loader.loadClass("co.elastic.logstash.api.Configuration");
            Class<?> context = loader.loadClass("co.elastic.logstash.api.Context");
            filter = adapter ? filterClass.getConstructor(String.class, configuration, context).newInstance("paired",
                    loader.loadClass("io.tapline.logstash.MapConfiguration").getConstructor(Map.class)
                            .newInstance(Map.of()),
                    loader.loadClass("io.tapline.logstash.TestContext").getConstructor().newInstance()) : null;
            Class<?> listenerClass = loader.loadClass("co.elastic.logstash.api.FilterMatchListener");
            filterMethod = filterClass.getMethod("filter", Collection.class, listenerClass);
            listener = Proxy.newProxyInstance(loader, new Class<?>[]{listenerClass}, (proxy, method, args) -> null);
            Class<?> event = loader.loadClass("io.tapline.logstash.MapEvent");
            newEvent = event.getConstructor(Map.class);
            setTimestamp = event.getMethod("setEventTimestamp", Instant.class);
            setField = event.getMethod("setField", String.class, Object.class);
        }

        /** CPU nanoseconds of this build's work on the batch, parsed (and made events) beforehand, untimed. */
        long cpuNanos(List<byte[]> lines) throws Exception {
            List<Object> inputs = new ArrayList<>(lines.size());
            for (byte[] line : lines) {
                Map<?, ?> document = (Map<?, ?>) readValue.invoke(mapper, line, Map.class);
                if (filter == null) {
                    inputs.add(document);
                } else {
                    // What Logstash's json_lines codec makes of a line, as Batch.logstashEvent.
                    Object event = newEvent.newInstance(document);
                    setTimestamp.invoke(event, Instant.parse((String) document.get("@timestamp")));
                    setField.invoke(event, "@version", "1");
                    inputs.add(event);
                }
            }
            long start = THREADS.getCurrentThreadCpuTime();
            if (filter == null) {
                for (Object document : inputs) {
                    enrich.invoke(enricher, document);
                }
            } else {
                filterMethod.invoke(filter, inputs, listener);
            }
            return THREADS.getCurrentThreadCpuTime() - start;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || !(args[0].equals("core") || args[0].equals("adapter"))) {
            System.err.println("usage: PairedRun core|adapter SECONDS A.jar [B.jar...]");
            System.exit(1);
        }
        boolean adapter = args[0].equals("adapter");
        long seconds = Long.parseLong(args[1]);
        Build[] builds = new Build[args.length - 2];
        for (int b = 0; b < builds.length; b++) {
            builds[b] = new Build(args[b + 2], adapter);
        }
        List<byte[]> lines = new ArrayList<>();
        for (String line : new FilterWorkload().lines(FilterBenchmark.RECORDS)) {
            lines.add(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        List<long[]> batches = AlternatingRounds.run(seconds, round -> {
            int next = AlternatingRounds.firstOf(round, lines.size());
            List<byte[]> batch = new ArrayList<>(FilterBenchmark.BATCH);
            for (int i = 0; i < FilterBenchmark.BATCH; i++) {
                batch.add(lines.get((next + i) % lines.size()));
            }
            long[] nanos = new long[builds.length];
            for (int k = 0; k < builds.length; k++) {
                int b = (k + round) % builds.length;
                nanos[b] = builds[b].cpuNanos(batch);
            }
            return nanos;
        });
        System.out.printf("%s: %d batches of %d, load average %.1f%n", args[0], batches.size(), FilterBenchmark.BATCH,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (int b = 0; b < builds.length; b++) {
            BatchColumn c = BatchColumn.of(batches, b);
            System.out.printf("  %-24s %6.2f us CPU per event (%,9.0f per CPU s), / first: %.3f (p25 %.3f, p75 %.3f)%n",
                    builds[b].name, c.micros(), c.perCpuSecond(), c.ratio(), c.ratioP25(), c.ratioP75());
        }
    }
}
