package io.tapline.api.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.store.ElasticsearchConnection;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts sent straight to Elasticsearch over its REST API, as hand-written JSON that shares no code with the
 * store's query builder: the independent side of every "the API's numbers equal Elasticsearch's" check.
 */
public final class DirectCounts {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INDICES = "/tapline-logs-*";

    private final ElasticsearchConnection connection;

    public DirectCounts(ElasticsearchConnection connection) {
        this.connection = connection;
    }

    /** A conjunction of exact conditions over the stored (ECS) fields. */
    public static final class Where {
        private final List<Object> clauses = new ArrayList<>();

        public Where terms(String field, List<String> values) {
            clauses.add(Map.of("terms", Map.of(field, values)));
            return this;
        }

        public Where term(String field, String value) {
            clauses.add(Map.of("term", Map.of(field, value)));
            return this;
        }

        public Where missing(String field) {
            clauses.add(Map.of("bool", Map.of("must_not", List.of(Map.of("exists", Map.of("field", field))))));
            return this;
        }

        /** {@code @timestamp} in {@code [fromMs, toMs)}. */
        public Where between(long fromMs, long toMs) {
            Map<String, Object> range = new LinkedHashMap<>();
            range.put("gte", fromMs);
            range.put("lt", toMs);
            range.put("format", "epoch_millis");
            clauses.add(Map.of("range", Map.of("@timestamp", range)));
            return this;
        }

        /** Every word somewhere in the URL text, the message or a body. */
        public Where words(String text) {
            clauses.add(Map.of("multi_match", Map.of("query", text, "type", "cross_fields", "operator", "and",
                    "fields", List.of("url.original.text", "message", "http.request.body.content",
                            "http.response.body.content"))));
            return this;
        }

        public Where copy() {
            Where w = new Where();
            w.clauses.addAll(clauses);
            return w;
        }

        Map<String, Object> query() {
            return Map.of("bool", Map.of("filter", clauses));
        }
    }

    public static Where where() {
        return new Where();
    }

    /** {@code _count} of the records {@code where} selects. */
    public long count(Where where) {
        JsonNode answer = post(INDICES + "/_count", Map.of("query", where.query()));
        return answer.get("count").asLong();
    }

    /** The newest {@code @timestamp} among the records {@code where} selects, by a sorted one-hit search. */
    public long newestMs(Where where) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("size", 1);
        body.put("query", where.query());
        body.put("sort", List.of(Map.of("@timestamp", Map.of("order", "desc", "format", "epoch_millis"))));
        JsonNode hit = post(INDICES + "/_search", body).path("hits").path("hits").get(0);
        return Long.parseLong(hit.get("sort").get(0).asText());
    }

    private JsonNode post(String path, Object body) {
        Request request = new Request("POST", path);
        request.addParameter("ignore_unavailable", "true");
        request.addParameter("allow_no_indices", "true");
        try {
            request.setJsonEntity(JSON.writeValueAsString(body));
            Response response = connection.restClient().performRequest(request);
            try (InputStream in = response.getEntity().getContent()) {
                return JSON.readTree(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
