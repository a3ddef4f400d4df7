package io.tapline.proxy.sink;

import io.tapline.schema.LogRecord;
import io.tapline.store.BulkIndexer;
import io.tapline.store.BulkResult;
import io.tapline.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;

/**
 * Stores batches in Elasticsearch in-process, without Logstash, through the store's {@link BulkIndexer} (which
 * enriches each document on the way when built with {@link EnrichedDocuments}). A cluster that stays unavailable fails the
 * whole batch, which the pipeline spools and replays; records stored twice that way overwrite themselves, since a
 * record's id is its document id.
 */
public final class DirectWriter implements BatchWriter {
    private static final Logger LOG = LoggerFactory.getLogger(DirectWriter.class);
    private final BulkIndexer indexer;

    /**
     * @param indexer stores the batch; build it with {@link EnrichedDocuments} so that what it stores is the
     *                enriched document, as the Logstash filter would have made it
     */
    public DirectWriter(BulkIndexer indexer) {
        this.indexer = Objects.requireNonNull(indexer, "indexer");
    }

    @Override
    public int write(List<LogRecord> batch) throws SinkUnavailableException {
        BulkResult result;
        try {
            result = indexer.index(batch);
        } catch (StoreUnavailableException e) { // BulkIncompleteException included: the batch is retried whole
            throw new SinkUnavailableException("elasticsearch: " + e.getMessage(), e);
        }
        List<BulkResult.Rejection> rejected = result.rejected();
        if (!rejected.isEmpty()) {
            BulkResult.Rejection first = rejected.get(0);
            LOG.warn("elasticsearch rejected {} of {} records for good; first: id {} status {}: {}", rejected.size(),
                    batch.size(), first.id(), first.status(), first.reason());
        }
        return rejected.size();
    }

    @Override
    public String describe() {
        return "elasticsearch (direct)";
    }

    /** Nothing to release: the connection belongs to whoever opened it. */
    @Override
    public void close() {
    }
}
