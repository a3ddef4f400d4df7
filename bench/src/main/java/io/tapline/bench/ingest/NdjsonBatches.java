package io.tapline.bench.ingest;

import io.tapline.schema.LogRecord;
import io.tapline.store.BulkIndexer;

import java.util.ArrayList;
import java.util.List;

/**
 * Complete {@code _bulk} bodies built ahead of time by {@link BulkIndexer#bulkBody}, cut every {@code batchSize}
 * records as the indexer cuts them, so the raw path sends byte for byte what the store sends.
 *
 * @param bodies    one request body per batch, in order
 * @param documents records in all the bodies
 * @param bytes     total body bytes
 */
record NdjsonBatches(List<byte[]> bodies, int documents, long bytes) {
    NdjsonBatches {
        bodies = List.copyOf(bodies);
    }

    static NdjsonBatches of(BulkIndexer indexer, List<LogRecord> records, int batchSize) {
        List<byte[]> bodies = new ArrayList<>(records.size() / batchSize + 1);
        long bytes = 0;
        for (int from = 0; from < records.size(); from += batchSize) {
            byte[] body = indexer.bulkBody(records.subList(from, Math.min(records.size(), from + batchSize)));
            bodies.add(body);
            bytes += body.length;
        }
        return new NdjsonBatches(bodies, records.size(), bytes);
    }
}
