package io.tapline.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.schema.StoredEntry;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Which indices may be sent a document carrying its {@link StoredEntry}: those whose mapping has the field and
 * keeps it out of {@code _source}. An index created from an older template has neither, and a mapping update
 * cannot add {@code _source.excludes} to it: sent there, the entry would be refused (the mapping is strict) or,
 * mapped by hand, end up in {@code _source}, where Kibana, the live tail and exports would show it. So each target
 * index's mapping is read once (an index that does not exist yet: the mapping the installed templates would give
 * it, by {@code _simulate_index}) and the answer kept for a while, then read again (an index deleted and created
 * anew). Thread-safe.
 *
 * <p>Left open: an index created by another process from an older template between this check and the write
 * (a mixed-version deployment during an upgrade) refuses the document, which is reported as a rejection.
 */
final class EntryIndices {
    /** How long an answer is kept. */
    static final long KEEP_MS = 10 * 60_000L;

    private record Answer(boolean accepts, long atMs) {
    }

    private final RestClient rest;
    private final ObjectMapper mapper;
    private final LongSupplier clock;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    EntryIndices(RestClient rest, ObjectMapper mapper, LongSupplier clock) {
        this.rest = rest;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** True when documents sent to {@code index} may carry their stored entry. */
    boolean accepts(String index) {
        long now = clock.getAsLong();
        Answer answer = answers.get(index);
        if (answer == null || now - answer.atMs() > KEEP_MS) {
            Boolean accepts = check(index);
            if (accepts == null) {
                return false; // unknown (Elasticsearch unreachable): without the entry is always safe
            }
            answer = new Answer(accepts, now);
            answers.put(index, answer);
        }
        return answer.accepts();
    }

    /** The mapping's answer, or null when Elasticsearch could not be asked. */
    private Boolean check(String index) {
        try {
            JsonNode existing = get(new Request("GET", "/" + index + "/_mapping"));
            if (existing != null) {
                // an index (or a data stream's backing indices): every one must take the entry
                boolean all = existing.size() > 0;
                for (JsonNode one : existing) {
                    all &= takesEntries(one.path("mappings"));
                }
                return all;
            }
            JsonNode simulated = get(new Request("POST", "/_index_template/_simulate_index/" + index));
            return simulated != null && takesEntries(simulated.path("template").path("mappings"));
        } catch (IOException e) {
            return null;
        }
    }

    /** True when {@code mappings} map the entry field and exclude it from {@code _source}. */
    static boolean takesEntries(JsonNode mappings) {
        if (!mappings.path("properties").has(StoredEntry.FIELD)
                || !mappings.path("_source").path("enabled").asBoolean(true)) {
            return false;
        }
        for (JsonNode excluded : mappings.path("_source").path("excludes")) {
            if (StoredEntry.FIELD.equals(excluded.asText())) {
                return true;
            }
        }
        return false;
    }

    /** The answer's JSON, or null on 404. */
    private JsonNode get(Request request) throws IOException {
        try {
            Response response = rest.performRequest(request);
            try (InputStream in = response.getEntity().getContent()) {
                return mapper.readTree(in);
            }
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return null;
            }
            throw e;
        }
    }
}
