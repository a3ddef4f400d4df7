package io.tapline.bench.ingest;

import io.tapline.store.StoreConfig;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * What one run of the ingest benchmark does, from its command line and {@code TAPLINE_ES_URL}. Every value is
 * checked here, and a bad one fails with the option's name.
 *
 * @param records        records indexed per timed run
 * @param batchSize      documents per {@code _bulk} request, on both paths
 * @param rounds         timed rounds; each runs both paths, in pairs of opposite orders ({@link RoundOrder})
 * @param warmup         records sent once per path before the timed rounds (0 for none)
 * @param esUrl          an existing cluster to use, or null to start an embedded node
 * @param esHeapMb       heap of the embedded node
 * @param deleteExisting allow deleting {@code tapline-logs-*} indices that an existing cluster already holds
 * @param seed           seed of the round orders
 */
public record IngestOptions(int records, int batchSize, int rounds, int warmup, URI esUrl, int esHeapMb,
                            boolean deleteExisting, long seed) {
    /** Fewer rounds than this give a figure, but too few to decide anything on this noisy a machine. */
    static final int MIN_ROUNDS_FOR_VERDICT = 4;

    static final String USAGE = """
            usage: bench/ingest/run.sh [options]
              --records N         records per timed run (default 200000)
              --batch N           documents per _bulk request, both paths (default 2000)
              --rounds N          timed rounds, each running both paths; pairs of rounds in opposite orders,
                                  which pair starts with which drawn from --seed (default 6; a verdict needs >= 4)
              --seed N            seed of the round orders (default: drawn at start, and printed)
              --warmup N          records per path in the untimed warm-up (default 100000, 0 for none)
              --es-url URL        use this cluster instead of an embedded node (default: env TAPLINE_ES_URL)
              --es-heap-mb N      heap of the embedded node (default 1024)
              --delete-existing   let the benchmark delete tapline-logs-* indices an existing cluster already has
              --help              print this and exit""";

    public IngestOptions {
        positive("--records", records);
        positive("--batch", batchSize);
        positive("--rounds", rounds);
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must be >= 0, got " + warmup);
        }
        if (esHeapMb < 256) {
            throw new IllegalArgumentException("--es-heap-mb must be >= 256, got " + esHeapMb);
        }
    }

    /** True when the benchmark starts its own node. */
    public boolean embedded() {
        return esUrl == null;
    }

    /**
     * Parses {@code --name value} or {@code --name=value} options; {@code env} supplies {@code TAPLINE_ES_URL}.
     * Returns null when {@code --help} was asked for.
     */
    public static IngestOptions parse(String[] args, Map<String, String> env) {
        int records = 200_000;
        int batch = 2_000;
        int rounds = 6;
        long seed = System.nanoTime();
        // 20,000 left the node cold: the first timed run then cost Elasticsearch 1.6-2x the CPU per document
        // of later runs, whichever path it was. 100,000 per path brings the first run in line with the rest.
        int warmup = 100_000;
        int heap = 1024;
        boolean deleteExisting = false;
        String url = env.get("TAPLINE_ES_URL");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (name.equals("--help") || name.equals("-h")) {
                return null;
            }
            if (name.equals("--delete-existing")) {
                deleteExisting = true;
                continue;
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
            switch (name) {
                case "--records" -> records = integer(name, value);
                case "--batch" -> batch = integer(name, value);
                case "--rounds" -> rounds = integer(name, value);
                case "--warmup" -> warmup = integer(name, value);
                case "--es-heap-mb" -> heap = integer(name, value);
                case "--es-url" -> url = value;
                case "--seed" -> seed = longInteger(name, value);
                default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
            }
        }
        return new IngestOptions(records, batch, rounds, warmup, url == null || url.isBlank() ? null : oneUrl(url),
                heap, deleteExisting, seed);
    }

    private static URI oneUrl(String value) {
        List<URI> urls = StoreConfig.parseUrls(value);
        if (urls.size() != 1) {
            throw new IllegalArgumentException("--es-url/TAPLINE_ES_URL: the benchmark talks to one node, got "
                    + urls.size() + " URLs");
        }
        // Validates the scheme and host the same way the store does.
        StoreConfig.of(urls.get(0));
        return urls.get(0);
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.replace("_", "").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'");
        }
    }

    private static long longInteger(String name, String value) {
        try {
            return Long.parseLong(value.replace("_", "").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'");
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }
}
