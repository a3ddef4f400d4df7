package io.tapline.bench.query;

import java.net.URI;
import java.util.Map;

/**
 * The benchmark's options; {@link #parse} returns null for {@code --help}.
 *
 * @param records        records to load (1,000,000)
 * @param windowDays     days the records span, ending an hour ago (7)
 * @param iterations     measured requests per path and scenario (300)
 * @param warmup         unmeasured requests per path and scenario first (100)
 * @param esUrl          an existing cluster, or null for an embedded node
 * @param esHeapMb       the embedded node's heap (1024)
 * @param deleteExisting allow deleting an existing cluster's tapline-logs-* indices
 */
record QueryOptions(int records, int windowDays, int iterations, int warmup, URI esUrl, int esHeapMb,
                    boolean deleteExisting) {

    static final String USAGE = """
            usage: bench/query/run.sh [--records N] [--window-days N] [--iterations N] [--warmup N]
                                      [--es-url URL] [--es-heap-mb N] [--delete-existing]
              --records N        records loaded before measuring (default 1000000)
              --window-days N    days they span, ending an hour ago (default 7)
              --iterations N     measured requests per path and scenario (default 300)
              --warmup N         unmeasured requests per path and scenario first (default 100)
              --es-url URL       an existing cluster (default TAPLINE_ES_URL; unset: an embedded node in a temp dir)
              --es-heap-mb N     heap of the embedded node (default 1024)
              --delete-existing  the benchmark deletes every tapline-logs-* index: required with an existing cluster
                                 that has some""";

    static QueryOptions parse(String[] args, Map<String, String> env) {
        int records = 1_000_000;
        int windowDays = 7;
        int iterations = 300;
        int warmup = 100;
        String url = env.get("TAPLINE_ES_URL");
        int heap = 1024;
        boolean delete = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--records" -> records = number(args, ++i, 1_000, 100_000_000);
                case "--window-days" -> windowDays = number(args, ++i, 1, 365);
                case "--iterations" -> iterations = number(args, ++i, 10, 1_000_000);
                case "--warmup" -> warmup = number(args, ++i, 0, 1_000_000);
                case "--es-url" -> url = value(args, ++i);
                case "--es-heap-mb" -> heap = number(args, ++i, 256, 32_768);
                case "--delete-existing" -> delete = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--help lists them)");
            }
        }
        return new QueryOptions(records, windowDays, iterations, warmup,
                url == null || url.isBlank() ? null : URI.create(url.trim()), heap, delete);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static int number(String[] args, int i, int min, int max) {
        String raw = value(args, i);
        try {
            int v = Integer.parseInt(raw);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(args[i - 1] + " must be an integer between " + min + " and " + max);
    }
}
