package io.tapline.bench.ingest;

/** One way of getting the benchmark's documents into Elasticsearch; {@link #run()} is what gets timed. */
interface IngestPath {
    /** A short name for the report, e.g. {@code store}. */
    String name();

    /** How many documents one {@link #run()} stores. */
    int documents();

    /** Sends every document, one request at a time, and fails loudly unless Elasticsearch stored them all. */
    void run() throws Exception;
}
