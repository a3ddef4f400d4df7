package io.tapline.bench.ingest;

import io.tapline.schema.LogRecord;
import io.tapline.store.BulkIndexer;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Complete {@code _bulk} bodies built ahead of time from {@link BulkIndexer#bulkLines}, cut every
 * {@code batchSize} records as the indexer cuts them, so the raw path sends byte for byte what the store sends.
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
            ByteArrayOutputStream body = new ByteArrayOutputStream(batchSize * 1024);
            for (LogRecord record : records.subList(from, Math.min(records.size(), from + batchSize))) {
                body.writeBytes(indexer.bulkLines(record));
            }
            bodies.add(body.toByteArray());
            bytes += body.size();
        }
        return new NdjsonBatches(bodies, records.size(), bytes);
    }
}
