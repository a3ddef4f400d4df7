package io.tapline.bench.ingest;

import io.tapline.schema.LogRecord;
import io.tapline.store.BulkIndexer;
import io.tapline.store.BulkResult;

import java.util.List;

/** The path under test: {@link BulkIndexer#index} on the records, serializing them as production does. */
final class StorePath implements IngestPath {
    private final BulkIndexer indexer;
    private final List<LogRecord> records;
    private final int expectedRequests;

    /**
     * @param expectedRequests how many {@code _bulk} requests the raw path sends for the same records; the store
     *                         must send exactly as many, or the two paths did not cut the same batches
     */
    StorePath(BulkIndexer indexer, List<LogRecord> records, int expectedRequests) {
        this.indexer = indexer;
        this.records = records;
        this.expectedRequests = expectedRequests;
    }

    @Override
    public String name() {
        return "store";
    }

    @Override
    public int documents() {
        return records.size();
    }

    @Override
    public void run() {
        long requestsBefore = indexer.stats().requests();
        BulkResult result = indexer.index(records);
        long requests = indexer.stats().requests() - requestsBefore;
        if (result.indexed() != records.size() || !result.rejected().isEmpty()) {
            throw new IllegalStateException("store indexed " + result.indexed() + " of " + records.size()
                    + " records; rejected " + result.rejected().size()
                    + (result.rejected().isEmpty() ? "" : ", first: " + result.rejected().get(0)));
        }
        if (requests != expectedRequests) {
            throw new IllegalStateException("store sent " + requests + " bulk requests where the raw path sends "
                    + expectedRequests + " (retries, or different batch boundaries): the runs are not comparable");
        }
    }
}
