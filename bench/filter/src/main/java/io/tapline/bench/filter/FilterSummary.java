package io.tapline.bench.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads JMH's JSON result of {@link FilterBenchmark} and prints, per benchmark, events/s (wall clock), events per
 * CPU second of the benchmark thread (with the lowest and highest iteration), the ratios to the Jackson baseline,
 * the bytes the thread allocated per event in the timed calls, each target for core and adapter, and the verdict.
 * Everything is judged by events per CPU second, computed the same way for all three: the events the timed calls
 * handled divided by the CPU time the benchmark thread spent in them. Issue 4's targets: the core at least
 * 200,000 events/s per core and 0.5x the baseline, for the core and for the adapter alike (the issue asks for
 * events/s per core of both). Exit status: 0 = met, 2 = missed, 1 = unusable result.
 */
public final class FilterSummary {
    static final double TARGET_EVENTS_PER_SECOND = 200_000;
    static final double TARGET_RATIO_TO_BASELINE = 0.5;

    private FilterSummary() {
    }

    /** One benchmark's figures. */
    private static final class Figures {
        double wall;
        double wallError;
        double perCpuSecond;
        double lowestIteration = Double.MAX_VALUE;
        double highestIteration;
        double bytesPerEvent = Double.NaN;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: FilterSummary <jmh-result.json>");
            System.exit(1);
        }
        Map<String, Figures> results = new HashMap<>();
        for (JsonNode run : new ObjectMapper().readTree(new File(args[0]))) {
            String name = run.path("benchmark").asText();
            Figures figures = figures(run);
            if (figures == null) {
                System.err.println("no CPU figures for " + name + " in " + args[0]);
                System.exit(1);
            }
            results.put(name.substring(name.lastIndexOf('.') + 1), figures);
        }
        for (String needed : new String[]{"core", "adapter", "jacksonParseAndSerialize"}) {
            if (!results.containsKey(needed)) {
                System.err.println("no result for " + needed + " in " + args[0]);
                System.exit(1);
            }
        }
        Figures baseline = results.get("jacksonParseAndSerialize");
        Figures core = results.get("core");
        Figures adapter = results.get("adapter");
        System.out.println();
        System.out.println("filter bench: one thread; events per CPU second = events / CPU time of the benchmark "
                + "thread in the timed calls");
        System.out.printf("  %-40s %22s %14s %19s %9s %8s%n", "", "events/s (wall)", "per CPU s",
                "iterations min-max", "ratio", "B/event");
        print(baseline, "baseline: Jackson parse + serialize", baseline);
        print(core, "enrichment core", baseline);
        print(adapter, "Logstash adapter (TaplineEnrich.filter)", baseline);
        System.out.println("targets (per CPU second):");
        boolean coreRate = core.perCpuSecond >= TARGET_EVENTS_PER_SECOND;
        boolean coreRatio = core.perCpuSecond / baseline.perCpuSecond >= TARGET_RATIO_TO_BASELINE;
        boolean adapterRate = adapter.perCpuSecond >= TARGET_EVENTS_PER_SECOND;
        boolean adapterRatio = adapter.perCpuSecond / baseline.perCpuSecond >= TARGET_RATIO_TO_BASELINE;
        judge("core", core, baseline, coreRate, coreRatio);
        judge("adapter", adapter, baseline, adapterRate, adapterRatio);
        // Read strictly: both targets hold for the core and for the adapter (what a Logstash user runs).
        boolean ok = coreRate && coreRatio && adapterRate && adapterRatio;
        System.out.printf("verdict (core and adapter each >= %,.0f events/s and >= %.1fx baseline): %s%n",
                TARGET_EVENTS_PER_SECOND, TARGET_RATIO_TO_BASELINE, ok ? "MET" : "MISSED");
        System.exit(ok ? 0 : 2);
    }

    private static void judge(String name, Figures f, Figures baseline, boolean rate, boolean ratio) {
        System.out.printf("  %-8s %,9.0f events/s (>= %,.0f: %s)   %5.2fx baseline (>= %.1fx: %s)%n", name,
                f.perCpuSecond, TARGET_EVENTS_PER_SECOND, rate ? "met" : "MISSED",
                f.perCpuSecond / baseline.perCpuSecond, TARGET_RATIO_TO_BASELINE, ratio ? "met" : "MISSED");
    }

    private static Figures figures(JsonNode run) {
        JsonNode metric = run.path("primaryMetric");
        JsonNode secondary = run.path("secondaryMetrics");
        JsonNode cpu = secondary.path("cpuMicros").path("rawData").path(0);
        JsonNode events = secondary.path("events").path("rawData").path(0);
        Figures f = new Figures();
        f.wall = metric.path("score").asDouble();
        f.wallError = metric.path("scoreError").asDouble();
        double totalEvents = 0;
        double cpuSeconds = 0;
        for (int i = 0; i < cpu.size() && i < events.size(); i++) {
            double iterationCpu = cpu.get(i).asDouble() / 1e6;
            double iterationEvents = events.get(i).asDouble();
            if (iterationCpu > 0) {
                f.lowestIteration = Math.min(f.lowestIteration, iterationEvents / iterationCpu);
                f.highestIteration = Math.max(f.highestIteration, iterationEvents / iterationCpu);
            }
            totalEvents += iterationEvents;
            cpuSeconds += iterationCpu;
        }
        if (cpuSeconds <= 0) {
            return null;
        }
        f.perCpuSecond = totalEvents / cpuSeconds;
        JsonNode allocated = secondary.path("allocatedBytes").path("rawData").path(0);
        double bytes = 0;
        for (int i = 0; i < allocated.size(); i++) {
            bytes += allocated.get(i).asDouble();
        }
        f.bytesPerEvent = allocated.size() > 0 && totalEvents > 0 ? bytes / totalEvents : Double.NaN;
        return f;
    }

    private static void print(Figures f, String label, Figures baseline) {
        double cpuRatio = f.perCpuSecond / baseline.perCpuSecond;
        System.out.printf("  %-40s %,10.0f ± %,9.0f %,14.0f %,9.0f-%,-9.0f %8.2fx %8s%n", label, f.wall,
                f.wallError, f.perCpuSecond, f.lowestIteration, f.highestIteration, cpuRatio,
                Double.isNaN(f.bytesPerEvent) ? "-" : String.format("%,.0f", f.bytesPerEvent));
    }
}
