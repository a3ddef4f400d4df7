package io.tapline.proxy.sink;

import io.tapline.schema.LogRecord;
import io.tapline.store.BulkIndexer;
import io.tapline.store.BulkResult;
import io.tapline.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Stores batches in Elasticsearch in-process, without Logstash: each record goes through the enricher (the
 * filter core, when present) and then the store's {@link BulkIndexer}. A cluster that stays unavailable fails the
 * whole batch, which the pipeline spools and replays; records stored twice that way overwrite themselves, since a
 * record's id is its document id.
 */
public final class DirectWriter implements BatchWriter {
    private static final Logger LOG = LoggerFactory.getLogger(DirectWriter.class);
    /** Enrichment key set on a record whose enrichment threw; the record is stored unenriched. */
    public static final String ENRICH_FAILURE = "enrich_failure";

    private final BulkIndexer indexer;
    private final UnaryOperator<LogRecord> enricher;

    /** A writer storing records as they are. */
    public DirectWriter(BulkIndexer indexer) {
        this(indexer, UnaryOperator.identity());
    }

    public DirectWriter(BulkIndexer indexer, UnaryOperator<LogRecord> enricher) {
        this.indexer = Objects.requireNonNull(indexer, "indexer");
        this.enricher = Objects.requireNonNull(enricher, "enricher");
    }

    @Override
    public int write(List<LogRecord> batch) throws SinkUnavailableException {
        List<LogRecord> enriched = new ArrayList<>(batch.size());
        int enrichFailures = 0;
        for (LogRecord r : batch) {
            try {
                LogRecord e = enricher.apply(r);
                enriched.add(e == null ? r : e);
            } catch (RuntimeException ex) {
                // A bug in one enrichment rule must not cost the record: store it plain, marked.
                if (enrichFailures++ == 0) {
                    LOG.warn("enrichment failed for record {}; storing it unenriched: {}", r.id(), ex.toString());
                }
                enriched.add(markFailed(r, ex));
            }
        }
        if (enrichFailures > 1) {
            LOG.warn("enrichment failed for {} of {} records in one batch", enrichFailures, batch.size());
        }
        BulkResult result;
        try {
            result = indexer.index(enriched);
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

    private static LogRecord markFailed(LogRecord r, RuntimeException ex) {
        Map<String, Object> enrichment = new LinkedHashMap<>(r.enrichment());
        enrichment.put(ENRICH_FAILURE, ex.getClass().getSimpleName() + ": " + ex.getMessage());
        return r.toBuilder().enrichment(enrichment).build();
    }
}
