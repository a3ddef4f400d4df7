package io.tapline.bench.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads JMH's JSON result of {@link FilterBenchmark} and prints, per benchmark, events/s (wall clock) and events
 * per CPU second of the benchmark thread, the ratios to the Jackson baseline and the verdict. The verdict uses
 * events per CPU second, which other processes on the machine do not distort. Exit status: 0 = both targets
 * met, 2 = a target missed, 1 = unusable result.
 */
public final class FilterSummary {
    static final double TARGET_EVENTS_PER_SECOND = 200_000;
    static final double TARGET_RATIO_TO_BASELINE = 0.5;

    private FilterSummary() {
    }

    /** Wall-clock score and its error, and events per CPU second (NaN without CPU figures). */
    private static final class Figures {
        final double wall;
        final double wallError;
        final double perCpuSecond;

        Figures(double wall, double wallError, double perCpuSecond) {
            this.wall = wall;
            this.wallError = wallError;
            this.perCpuSecond = perCpuSecond;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: FilterSummary <jmh-result.json>");
            System.exit(1);
        }
        Map<String, Figures> results = new HashMap<>();
        for (JsonNode run : new ObjectMapper().readTree(new File(args[0]))) {
            String name = run.path("benchmark").asText();
            results.put(name.substring(name.lastIndexOf('.') + 1), figures(run));
        }
        for (String needed : new String[]{"core", "adapter", "jacksonParseAndSerialize"}) {
            if (!results.containsKey(needed)) {
                System.err.println("no result for " + needed + " in " + args[0]);
                System.exit(1);
            }
        }
        Figures baseline = results.get("jacksonParseAndSerialize");
        System.out.println();
        System.out.println("filter bench: one thread, one op = one record (a fresh copy of its parsed document)");
        System.out.printf("  %-40s %22s %10s %14s %10s%n", "", "events/s (wall)", "ratio", "per CPU s", "ratio");
        print(results, "jacksonParseAndSerialize", "baseline: Jackson parse + serialize", baseline);
        print(results, "copyOnly", "fresh copy alone (in core and adapter)", baseline);
        boolean ok = print(results, "core", "enrichment core", baseline);
        ok &= print(results, "adapter", "Logstash adapter (TaplineEnrich.filter)", baseline);
        System.out.printf("targets (per CPU second): >= %,.0f events/s/core and >= %.1fx baseline -> %s%n",
                TARGET_EVENTS_PER_SECOND, TARGET_RATIO_TO_BASELINE, ok ? "MET" : "MISSED");
        System.exit(ok ? 0 : 2);
    }

    private static Figures figures(JsonNode run) {
        JsonNode metric = run.path("primaryMetric");
        double seconds = seconds(run.path("measurementTime").asText());
        JsonNode scores = metric.path("rawData").path(0);
        JsonNode cpu = run.path("secondaryMetrics").path("cpuMicros").path("rawData").path(0);
        double ops = 0;
        double cpuSeconds = 0;
        for (int i = 0; i < scores.size() && i < cpu.size(); i++) {
            ops += scores.get(i).asDouble() * seconds;
            cpuSeconds += cpu.get(i).asDouble() / 1e6;
        }
        return new Figures(metric.path("score").asDouble(), metric.path("scoreError").asDouble(),
                cpuSeconds > 0 ? ops / cpuSeconds : Double.NaN);
    }

    /** JMH's iteration time, e.g. {@code "2 s"} or {@code "500 ms"}. */
    private static double seconds(String time) {
        String[] parts = time.trim().split("\\s+");
        double value = Double.parseDouble(parts[0]);
        return parts.length > 1 && parts[1].equals("ms") ? value / 1000 : value;
    }

    private static boolean print(Map<String, Figures> results, String name, String label, Figures baseline) {
        Figures f = results.get(name);
        if (f == null) {
            return true;
        }
        double cpuRatio = f.perCpuSecond / baseline.perCpuSecond;
        System.out.printf("  %-40s %,10.0f ± %,9.0f %9.2fx %,14.0f %9.2fx%n", label, f.wall, f.wallError,
                f.wall / baseline.wall, f.perCpuSecond, cpuRatio);
        return f.perCpuSecond >= TARGET_EVENTS_PER_SECOND && cpuRatio >= TARGET_RATIO_TO_BASELINE;
    }
}
