package io.tapline.bench.ingest;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Collects the timed runs and prints the tables: docs/s and store/raw per round, best and median, the verdict,
 * whether the order within a round still shows, then where the CPU went in each run.
 *
 * <p>The verdict is the median of the rounds' own store/raw ratios: each ratio compares two runs made back to back,
 * so a drift over the whole benchmark cancels out of it, and the median ignores a single disturbed round.
 */
final class IngestReport {
    static final double TARGET = 0.90;
    /** Above this many cores kept busy by other processes, a run is called disturbed. */
    private static final double NOISY_CORES = 0.25;

    private final int documents;
    private final List<Round> rounds = new ArrayList<>();
    private long encodeNanos = -1;

    /**
     * One timed run of one path.
     *
     * @param settledMs how long the node took to go quiet before the run, -1 when it never did
     */
    record Run(long nanos, CpuMonitor.Usage cpu, long settledMs) {
    }

    /** One round: both paths, in the order they ran. */
    record Round(int number, boolean storeFirst, Run store, Run raw) {
        String order() {
            return storeFirst ? "store, raw" : "raw, store";
        }

        double ratio() {
            return (double) raw.nanos / store.nanos;
        }
    }

    IngestReport(int documents) {
        this.documents = documents;
    }

    void add(Round round) {
        rounds.add(round);
    }

    /** The time {@code BulkIndexer.bulkLines} alone takes for every record, without any I/O. */
    void encodeOnly(long nanos) {
        encodeNanos = nanos;
    }

    /** The store/raw figure the verdict rests on: the median of the rounds' ratios. */
    double verdictRatio() {
        return medianOf(rounds.stream().mapToDouble(Round::ratio).toArray());
    }

    boolean passes() {
        return verdictRatio() >= TARGET;
    }

    /** True when there were enough rounds to decide anything. */
    boolean decided() {
        return rounds.size() >= IngestOptions.MIN_ROUNDS_FOR_VERDICT;
    }

    /** True when other processes kept enough CPU busy during some run that the docs/s cannot be trusted. */
    boolean disturbed() {
        return worstOtherCores() > NOISY_CORES;
    }

    private double worstOtherCores() {
        return rounds.stream().flatMap(r -> java.util.stream.Stream.of(r.store, r.raw))
                .mapToDouble(run -> run.cpu.otherCores()).filter(c -> !Double.isNaN(c)).max().orElse(0);
    }

    void print(PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "%-20s %14s %14s %10s%n", "round (order)", "store docs/s", "raw docs/s", "store/raw");
        for (Round r : rounds) {
            out.printf(Locale.ROOT, "%-20s %,14.0f %,14.0f %10.3f%n", r.number + " (" + r.order() + ")",
                    rate(r.store.nanos), rate(r.raw.nanos), r.ratio());
        }
        double bestStore = best(r -> r.store.nanos);
        double bestRaw = best(r -> r.raw.nanos);
        double medianStore = median(r -> r.store.nanos);
        double medianRaw = median(r -> r.raw.nanos);
        out.printf(Locale.ROOT, "%-20s %,14.0f %,14.0f %10.3f%n", "best of rounds", bestStore, bestRaw,
                bestStore / bestRaw);
        out.printf(Locale.ROOT, "%-20s %,14.0f %,14.0f %10.3f%n", "median of rounds", medianStore, medianRaw,
                medianStore / medianRaw);
        out.printf(Locale.ROOT, "%-20s %14s %14s %10.3f  (min %.3f, max %.3f)%n", "median round ratio", "", "",
                verdictRatio(), rounds.stream().mapToDouble(Round::ratio).min().orElse(Double.NaN),
                rounds.stream().mapToDouble(Round::ratio).max().orElse(Double.NaN));
        printOrderCheck(out);
        out.println();
        String verdict = !decided() ? "NO VERDICT (fewer than " + IngestOptions.MIN_ROUNDS_FOR_VERDICT + " rounds)"
                : passes() ? "PASS" : "BELOW TARGET";
        out.printf(Locale.ROOT, "store/raw (median of round ratios) = %.3f, best of rounds = %.3f, median of rounds"
                        + " = %.3f; target >= %.2f: %s%s%n", verdictRatio(), bestStore / bestRaw,
                medianStore / medianRaw, TARGET, verdict,
                disturbed() ? " (DISTURBED: not a valid measurement, see the CPU table)" : "");
        printCpu(out);
        if (encodeNanos > 0) {
            out.printf(Locale.ROOT, "encode alone (BulkIndexer.bulkBody per batch, no I/O, warm): %,.0f docs/s ="
                    + " %.2f us per record, %,.0f ms per run; store's extra wall time over raw (best): %,.0f ms"
                    + " per run%n", rate(encodeNanos), encodeNanos / 1e3 / documents, encodeNanos / 1e6,
                    (documents / bestStore - documents / bestRaw) * 1000);
        }
    }

    /**
     * The store/raw ratio of the rounds where the store ran first against those where raw did. If the first run of
     * a round were favoured or penalised, the two would differ by about twice that effect.
     */
    private void printOrderCheck(PrintStream out) {
        double[] storeFirst = rounds.stream().filter(Round::storeFirst).mapToDouble(Round::ratio).toArray();
        double[] rawFirst = rounds.stream().filter(r -> !r.storeFirst).mapToDouble(Round::ratio).toArray();
        if (storeFirst.length > 0 && rawFirst.length > 0) {
            out.printf(Locale.ROOT, "order check: store/raw is %.3f (median of %d) when the store ran first, %.3f"
                            + " (median of %d) when raw did%n", medianOf(storeFirst), storeFirst.length,
                    medianOf(rawFirst), rawFirst.length);
        }
    }

    private void printCpu(PrintStream out) {
        if (rounds.stream().allMatch(r -> Double.isNaN(r.store.cpu.bench()))) {
            return;
        }
        out.println();
        out.printf(Locale.ROOT, "%-20s %10s %14s %26s%n", "CPU seconds per run", "bench JVM", "elasticsearch",
                "other processes (cores)");
        for (Round r : rounds) {
            Run[] runs = r.storeFirst ? new Run[]{r.store, r.raw} : new Run[]{r.raw, r.store};
            for (Run run : runs) {
                CpuMonitor.Usage u = run.cpu;
                out.printf(Locale.ROOT, "%-20s %10.1f %14.1f %18.1f (%.2f)%n",
                        "round " + r.number + " " + (run == r.store ? "store" : "raw"), u.bench(), u.elasticsearch(),
                        u.others(), u.otherCores());
            }
        }
        double storeClient = rounds.stream().mapToDouble(r -> r.store.cpu.bench()).min().orElse(Double.NaN);
        double rawClient = rounds.stream().mapToDouble(r -> r.raw.cpu.bench()).min().orElse(Double.NaN);
        out.printf(Locale.ROOT, "client CPU per record (least of rounds): store %.1f us, raw %.1f us%n",
                storeClient * 1e6 / documents, rawClient * 1e6 / documents);
        if (disturbed()) {
            out.printf(Locale.ROOT, "WARNING: other processes kept up to %.2f cores busy during a run; the docs/s"
                    + " above are disturbed. Rerun on a quiet machine.%n", worstOtherCores());
        }
    }

    private double rate(long nanos) {
        return documents / (nanos / 1e9);
    }

    private double best(ToLongFunction<Round> nanos) {
        return rate(rounds.stream().mapToLong(nanos).min().orElseThrow());
    }

    private double median(ToLongFunction<Round> nanos) {
        return documents / (medianOf(rounds.stream().mapToLong(nanos).asDoubleStream().toArray()) / 1e9);
    }

    private static double medianOf(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
