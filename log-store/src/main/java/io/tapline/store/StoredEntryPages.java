package io.tapline.store;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import io.tapline.schema.StoredEntry;
import io.tapline.schema.StoredEntryRenderer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Pages without bodies served from the {@link StoredEntry} each document carries since it was indexed: the search
 * asks for that stored field instead of {@code _source}, and each hit's entry is copied into the page instead of
 * transcoded (a copy costs per byte, the transcoder per token, about 58 strings per hit).
 *
 * <p>Never a wrong page for documents without an entry (indexed by Logstash, or before entries, or into an index
 * from an older template): hits are written in order while each has its entry; from the first that lacks one, the
 * rest of the page is held, the missing documents are fetched by index and id with their {@code _source} and
 * transcoded, and the held hits written in order. A page on which no hit had an entry is not served here at all
 * (the caller reads it from {@code _source}), and pages go straight to {@code _source} for a while after: a
 * deployment that stores no entries (Logstash only) pays the extra search once per {@link #SOURCE_ONLY_MS}, not
 * per page. Thread-safe.
 */
final class StoredEntryPages {
    /** How long pages read {@code _source} directly after a page whose hits had no stored entry. */
    static final long SOURCE_ONLY_MS = 30_000L;

    /** Starts a page's search, asking for stored entries or for {@code _source}. */
    @FunctionalInterface
    interface Searches {
        RawSearch.Answer start(LogQuery query, boolean storedEntries) throws IOException;
    }

    private final RawSearch raw;
    private final LongSupplier clock;
    private volatile long sourceOnlyUntil = Long.MIN_VALUE;

    StoredEntryPages(RawSearch raw, LongSupplier clock) {
        this.raw = raw;
        this.clock = clock;
    }

    /** False while pages should read {@code _source} directly (the last page asked had no stored entry). */
    boolean worthAsking() {
        return clock.getAsLong() >= sourceOnlyUntil;
    }

    /**
     * Serves {@code query} from stored entries; null when no hit had one and nothing was written (the caller then
     * reads the page from {@code _source}).
     */
    EntrySearch.EntryPage page(LogQuery query, Searches searches, EntrySearch.HitConsumer consumer) {
        RawSearch.Answer answer = SearchCalls.withRetries(() -> searches.start(query, true));
        PageReader reader = new PageReader(consumer);
        RawSearch.Hits hits = SearchCalls.once(() -> raw.readHits(answer, reader));
        if (reader.held != null) {
            if (reader.written == 0) {
                if (reader.withEntry == 0) {
                    sourceOnlyUntil = clock.getAsLong() + SOURCE_ONLY_MS;
                }
                return null;
            }
            Map<String, byte[]> fetched = SearchCalls.withRetries(() -> fetch(reader.missing));
            SearchCalls.once(() -> reader.writeHeld(fetched));
        }
        return new EntrySearch.EntryPage(hits.count(), Math.max(hits.total(), hits.count()),
                reader.written == 0 ? null : reader.lastId);
    }

    /**
     * The entries of the documents {@code missing} names ({@code index/id} to its {@code _index} and {@code _id}),
     * rendered from their {@code _source}; one that vanished since (an index deleted) is absent.
     */
    private Map<String, byte[]> fetch(Map<String, String[]> missing) throws IOException {
        Map<String, List<FieldValue>> byIndex = new LinkedHashMap<>();
        for (String[] hit : missing.values()) {
            byIndex.computeIfAbsent(hit[0], i -> new ArrayList<>()).add(FieldValue.of(hit[1]));
        }
        Query query = Query.of(q -> q.bool(b -> {
            byIndex.forEach((index, ids) -> b.should(s -> s.bool(one -> one
                    .filter(f -> f.term(t -> t.field("_index").value(index)))
                    .filter(f -> f.ids(i -> i.values(ids.stream().map(FieldValue::stringValue).toList()))))));
            return b.minimumShouldMatch("1");
        }));
        RawSearch.Answer answer = raw.start(SearchRequest.of(s -> s.query(query).size(missing.size())
                .trackTotalHits(t -> t.enabled(false))));
        Map<String, byte[]> entries = new HashMap<>();
        StoredEntryRenderer renderer = new StoredEntryRenderer();
        raw.readHits(answer, (b, hit) -> {
            if (hit.sourceStart < 0 || hit.indexStart < 0 || hit.idStart < 0) {
                throw new IOException("a document fetched by id came without its _source, _index or _id");
            }
            // the transcoder's refusal of a document that is not a record goes on, as the transcoding page's does
            renderer.renderOrThrow(b, hit.sourceStart, hit.sourceEnd);
            entries.put(key(b, hit), renderer.entry());
        });
        return entries;
    }

    private static String key(byte[] b, AnswerScanner.HitRanges hit) {
        return text(b, hit.indexStart, hit.indexEnd) + "/" + text(b, hit.idStart, hit.idEnd);
    }

    /** Index names and ids as Elasticsearch writes them (a backslash would need decoding: refused). */
    private static String text(byte[] b, int start, int end) {
        for (int i = start; i < end; i++) {
            if (b[i] == '\\') {
                throw new IllegalStateException("an escaped _index or _id in a search answer");
            }
        }
        return new String(b, start, end - start, StandardCharsets.UTF_8);
    }

    /** Reads one page's hits: writes them while each has its entry, holds them from the first that lacks one. */
    private static final class PageReader implements AnswerScanner.HitReader {
        private final EntrySearch.HitConsumer consumer;
        private final StoredEntry entry = new StoredEntry();
        /** In order, from the first hit without an entry: each its entry's bytes, or its key in {@link #missing}. */
        List<Object> held;
        final Map<String, String[]> missing = new LinkedHashMap<>();
        int written;
        int withEntry;
        long lastId;

        PageReader(EntrySearch.HitConsumer consumer) {
            this.consumer = consumer;
        }

        @Override
        public void hit(byte[] b, AnswerScanner.HitRanges hit) throws IOException {
            boolean has = hit.entryStart >= 0 && hit.idStart >= 0
                    && entry.decode(b, hit.entryStart, hit.entryEnd, b, hit.idStart, hit.idEnd);
            if (has) {
                withEntry++;
            }
            if (held == null && has) {
                write(entry);
                return;
            }
            if (held == null) {
                held = new ArrayList<>();
            }
            if (has) {
                held.add(java.util.Arrays.copyOf(entry.array(), entry.length()));
            } else {
                if (hit.indexStart < 0 || hit.idStart < 0) {
                    throw new IOException("a search hit without _index or _id");
                }
                String key = key(b, hit);
                missing.put(key, new String[]{text(b, hit.indexStart, hit.indexEnd), text(b, hit.idStart, hit.idEnd)});
                held.add(key);
            }
        }

        /** Writes the held hits in order, the missing ones from {@code fetched}. */
        Void writeHeld(Map<String, byte[]> fetched) throws IOException {
            for (Object one : held) {
                byte[] bytes = one instanceof String key ? fetched.get(key) : (byte[]) one;
                if (bytes == null) {
                    continue; // deleted since the search: as a page a moment later would be
                }
                if (!entry.set(bytes, 0, bytes.length)) {
                    throw new IllegalStateException("an entry rendered for a page is not an entry");
                }
                write(entry);
            }
            return null;
        }

        private void write(StoredEntry hit) throws IOException {
            lastId = hit.id();
            written++;
            consumer.accept(hit);
        }
    }
}
