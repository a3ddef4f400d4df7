package io.tapline.proxy.sink;

import io.tapline.schema.EcsCodec;
import io.tapline.schema.LogRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The documents the direct sink stores: a record's ECS document run through the same enrichment core the
 * Logstash filter runs, so both deployments store identical documents. A document the enricher fails on is
 * stored unenriched with the tag the Logstash filter uses, never dropped.
 */
public final class EnrichedDocuments implements Function<LogRecord, Map<String, Object>> {
    /** The tag the Logstash filter puts on an event it could not enrich. */
    public static final String FAILURE_TAG = "_tapline_enrich_failure";

    private final UnaryOperator<Map<String, Object>> enricher;
    private final AtomicLong failures = new AtomicLong();

    /** @param enricher enriches a document in place, e.g. {@code io.tapline.enrich.Enricher::enrich} */
    public EnrichedDocuments(UnaryOperator<Map<String, Object>> enricher) {
        this.enricher = enricher;
    }

    @Override
    public Map<String, Object> apply(LogRecord record) {
        try {
            return enricher.apply(EcsCodec.toDocument(record));
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            Map<String, Object> plain = EcsCodec.toDocument(record); // the enricher may have half-changed the first
            List<Object> tags = new ArrayList<>();
            tags.add(FAILURE_TAG);
            plain.put("tags", tags);
            return plain;
        }
    }

    /** Documents stored unenriched because the enricher failed on them. */
    public long failures() {
        return failures.get();
    }
}
