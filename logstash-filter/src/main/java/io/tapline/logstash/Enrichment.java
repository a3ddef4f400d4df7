package io.tapline.logstash;

import io.tapline.enrich.Enricher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What the filter runs on an event's document, and what it learns about the result: the document to store and
 * the top-level fields to write back into the event or to remove from it.
 */
interface Enrichment {
    Result apply(Map<String, Object> document);

    /** The enriched document, the top-level fields added or changed in it and those no longer in it. */
    final class Result {
        final Map<String, Object> document;
        final List<String> changed;
        final List<String> removed;

        Result(Map<String, Object> document, List<String> changed, List<String> removed) {
            this.document = document;
            this.changed = changed;
            this.removed = removed;
        }
    }

    /** The enrichment core, which edits the document in place and knows which fields it changed. */
    static Enrichment of(Enricher enricher) {
        return document -> new Result(document, enricher.enrichReportingChanges(document), List.of());
    }

    /**
     * Any function of a document (tests stand in for the core with one). It may edit in place or return another
     * map, so its changes are found by comparing a snapshot taken before with the result.
     */
    static Enrichment diffing(UnaryOperator<Map<String, Object>> function) {
        Objects.requireNonNull(function, "enrich");
        return document -> {
            Map<String, Object> before = DeepCopy.unordered(document);
            Map<String, Object> returned = function.apply(document);
            Map<String, Object> after = returned == null ? document : returned;
            List<String> changed = new ArrayList<>();
            for (Map.Entry<String, Object> field : after.entrySet()) {
                if (!Objects.equals(before.get(field.getKey()), field.getValue())) {
                    changed.add(field.getKey());
                }
            }
            List<String> removed = new ArrayList<>();
            for (String key : before.keySet()) {
                if (!after.containsKey(key)) {
                    removed.add(key);
                }
            }
            return new Result(after, changed, removed);
        };
    }
}
