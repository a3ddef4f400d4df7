package io.tapline.store;

import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.JsonpUtils;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.schema.FieldType;
import io.tapline.schema.IndexNames;
import io.tapline.schema.OpenJson;
import io.tapline.schema.RecordFields;
import org.elasticsearch.client.Cancellable;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseListener;
import org.elasticsearch.client.RestClient;
import org.apache.http.util.EntityUtils;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs a search built with the typed client's request classes over the low-level REST client, and reads the
 * answer with Jackson's streaming parser. The typed client's response model costs a third of a page's time on
 * top of Elasticsearch's own; this reads only what a page needs, each {@code _source} straight into a map or a
 * transcoder.
 *
 * <p>Pages are asked for without {@code filter_path}: under a filter, Elasticsearch can no longer copy each stored
 * {@code _source} into its answer as raw bytes, and parses and re-writes every one of them instead (in the query
 * benchmark, about 3 ms of node CPU per 200-hit page, a quarter of the search). Skipping the few fields a page
 * does not need ({@code _index}, {@code _id}, {@code _score}, {@code _shards}) costs far less here. The sort-only
 * walks of deep offsets keep the filter: they fetch no {@code _source}, and the filter drops most of their bytes.
 */
public final class RawSearch {

    /** For the sort-only walks ({@link #searchSortOnly}), which fetch no {@code _source}. */
    private static final String SORT_ONLY_FILTER_PATH = "hits.total.value,hits.hits.sort";
    /** ECS paths whose value is one object of the record (headers, enrichment), never flattened further. */
    private static final Set<String> OBJECT_FIELDS = RecordFields.ALL.stream()
            .filter(f -> f.type() == FieldType.HEADERS || f.type() == FieldType.OBJECT)
            .flatMap(f -> f.ecsPaths().stream())
            .collect(Collectors.toUnmodifiableSet());

    /** The most a streamed answer's buffer starts with, whatever the last answer's size. */
    private static final int MAX_EXPECTED_BYTES = 1024 * 1024;

    private final RestClient rest;
    /** Roughly the size of the last streamed answer: pages of a deployment tend to be alike. */
    private volatile int expectedAnswerBytes = 64 * 1024;
    private final JsonpMapper jsonp;
    private final ObjectMapper mapper;

    /** Searches over {@code connection}'s low-level client. */
    public RawSearch(ElasticsearchConnection connection) {
        this(connection.restClient(), connection.client()._transport().jsonpMapper(), new ObjectMapper());
    }

    RawSearch(RestClient rest, JsonpMapper jsonp, ObjectMapper mapper) {
        this.rest = rest;
        this.jsonp = jsonp;
        this.mapper = mapper;
    }

    /** What a page needs from an answer: the sources, the last hit's sort values and the total. */
    public record Hits(List<Map<String, Object>> sources, List<Long> lastSort, int count, long total) {
    }

    /** Reads one hit's {@code _source}, from its {@code START_OBJECT} to its {@code END_OBJECT}. */
    @FunctionalInterface
    interface SourceReader {
        /**
         * @param answer an array holding at least every byte of the answer the parser has read so far, from the
         *               first; null when the parser reads something else
         */
        void read(JsonParser p, Supplier<byte[]> answer) throws IOException;
    }

    /**
     * An answer to read: one still arriving over {@link StreamingAnswer}, or (after a failed first attempt) the
     * client's whole response.
     */
    static final class Answer {
        private final StreamingAnswer streaming;
        private final Cancellable cancellable;
        private final Response whole;

        private Answer(StreamingAnswer streaming, Cancellable cancellable, Response whole) {
            this.streaming = streaming;
            this.cancellable = cancellable;
            this.whole = whole;
        }
    }

    /** Searches every daily index with the body of {@code search} (its index and URL options are ignored). */
    public Hits search(SearchRequest search) throws IOException {
        return read(send(search), null);
    }

    /**
     * As {@link #search}, for a search that fetches no {@code _source}: only the total and the sort values come
     * back, under a {@code filter_path} that drops the rest.
     */
    Hits searchSortOnly(SearchRequest search) throws IOException {
        return read(rest.performRequest(request(search, SORT_ONLY_FILTER_PATH)), null);
    }

    /**
     * Sends {@code search} and returns the answer, read in full (the client buffers it) but not yet parsed: what
     * may be retried ends here.
     */
    Response send(SearchRequest search) throws IOException {
        return rest.performRequest(request(search, null));
    }

    /**
     * Sends {@code search} and returns as soon as Elasticsearch has answered 200, while the answer's bytes are
     * still arriving: {@link #read(Answer, SourceReader)} parses them as they come. Any other status is waited
     * for and thrown as {@link #send} throws it (what may be retried ends here, before a byte of a page is read).
     */
    Answer start(SearchRequest search) throws IOException {
        Request request = request(search, null);
        StreamingAnswer[] first = new StreamingAnswer[1];
        RequestOptions.Builder options = request.getOptions().toBuilder();
        options.setHttpAsyncResponseConsumerFactory(() -> {
            StreamingAnswer answer = new StreamingAnswer(expectedAnswerBytes);
            if (first[0] == null) {
                first[0] = answer;
            }
            return answer;
        });
        request.setOptions(options);
        CompletableFuture<Response> outcome = new CompletableFuture<>();
        Cancellable cancellable = rest.performRequestAsync(request, new ResponseListener() {
            @Override
            public void onSuccess(Response response) {
                outcome.complete(response);
            }

            @Override
            public void onFailure(Exception exception) {
                outcome.completeExceptionally(exception);
            }
        });
        // The client makes the first attempt's consumer on this thread, before it returns.
        if (first[0] != null && first[0].awaitStatus() == 200) {
            return new Answer(first[0], cancellable, null);
        }
        return new Answer(null, null, outcome(outcome, cancellable));
    }

    /** The client's outcome of a search, thrown as its blocking {@code performRequest} would throw it. */
    private static Response outcome(CompletableFuture<Response> outcome, Cancellable cancellable) throws IOException {
        try {
            return outcome.get();
        } catch (InterruptedException e) {
            cancellable.cancel();
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for Elasticsearch");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        }
    }

    /**
     * Parses an answer of {@link #start} as its bytes arrive; a reader that fails, or an answer that cannot be
     * parsed, cancels the rest of the exchange.
     */
    Hits read(Answer answer, SourceReader sources) throws IOException {
        if (answer.whole != null) {
            return read(answer.whole, sources);
        }
        return whileArriving(answer, () -> {
            try (JsonParser p = mapper.createParser(answer.streaming.stream())) {
                return read(p, answer.streaming::bytes, sources);
            }
        });
    }

    /**
     * As {@link #read(Answer, SourceReader)}, without a JSON parser: each {@code _source} is handed over as its
     * range of the answer's bytes (see {@link AnswerScanner}), for a reader that reads documents from bytes.
     */
    Hits readDocuments(Answer answer, AnswerScanner.DocumentReader documents) throws IOException {
        if (answer.whole != null) {
            return AnswerScanner.read(AnswerScanner.whole(EntityUtils.toByteArray(answer.whole.getEntity())), documents);
        }
        return whileArriving(answer, () -> AnswerScanner.read(answer.streaming, documents));
    }

    /** Reads an answer that is still arriving. */
    @FunctionalInterface
    private interface Reading {
        Hits read() throws IOException;
    }

    /**
     * Reads a streaming answer of {@link #start} with {@code reading}; when reading fails, the rest of the exchange
     * is cancelled, and when it succeeds, the answer's size sets the buffer of the next one.
     */
    private Hits whileArriving(Answer answer, Reading reading) throws IOException {
        boolean read = false;
        try {
            Hits hits = reading.read();
            read = true;
            // room for the next answer of about this size at once; one outsized page does not set it for all
            expectedAnswerBytes = Math.min(MAX_EXPECTED_BYTES, answer.streaming.count() + answer.streaming.count() / 8);
            return hits;
        } finally {
            if (!read) {
                answer.cancellable.cancel();
            }
        }
    }

    private Request request(SearchRequest search, String filterPath) {
        Request request = new Request("POST", "/" + IndexNames.PATTERN + "/_search");
        request.addParameter("ignore_unavailable", "true");
        request.addParameter("allow_no_indices", "true");
        if (filterPath != null) {
            request.addParameter("filter_path", filterPath);
        }
        request.setJsonEntity(JsonpUtils.toJsonString(search, jsonp));
        return request;
    }

    /**
     * Parses an answer of {@link #send}, handing each {@code _source} to {@code sources}; with null, the
     * sources are read into the flat maps of {@link Hits#sources()}.
     */
    Hits read(Response response, SourceReader sources) throws IOException {
        // The client holds the whole answer already; a parser over its bytes lets a reader go back to a document.
        return read(EntityUtils.toByteArray(response.getEntity()), mapper, sources);
    }

    /** Parses a whole answer, as {@link #read(Response, SourceReader)}. */
    static Hits read(byte[] answer, ObjectMapper mapper, SourceReader sources) throws IOException {
        try (JsonParser p = mapper.createParser(answer)) {
            return read(p, () -> answer, sources);
        }
    }

    /** Parses an answer from any parser; the readers get no bytes to go back to. */
    static Hits read(JsonParser p, SourceReader reader) throws IOException {
        return read(p, null, reader);
    }

    private static Hits read(JsonParser p, Supplier<byte[]> answer, SourceReader reader) throws IOException {
        List<Map<String, Object>> sources = new ArrayList<>();
        List<Long> lastSort = null;
        int count = 0;
        long total = -1;
        expect(p.nextToken(), JsonToken.START_OBJECT);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (!field.equals("hits")) {
                p.skipChildren();
                continue;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("total") && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        p.nextToken();
                        if (p.currentName().equals("value")) {
                            total = p.getLongValue();
                        } else {
                            p.skipChildren();
                        }
                    }
                } else if (name.equals("hits") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        count++;
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String key = p.currentName();
                            JsonToken t = p.nextToken();
                            if (key.equals("_source") && t == JsonToken.START_OBJECT && reader != null) {
                                reader.read(p, answer);
                            } else if (key.equals("_source") && t == JsonToken.START_OBJECT) {
                                Map<String, Object> flat = new HashMap<>(64);
                                flatten(p, "", flat);
                                sources.add(flat);
                            } else if (key.equals("sort") && t == JsonToken.START_ARRAY) {
                                lastSort = new ArrayList<>(3);
                                while (p.nextToken() != JsonToken.END_ARRAY) {
                                    lastSort.add(p.getLongValue());
                                }
                            } else {
                                p.skipChildren();
                            }
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return new Hits(sources, lastSort, count, total);
    }

    /**
     * Reads the object at the parser into {@code out} with dotted keys ({@code "tapline.id"}), keeping the fields
     * the record holds as objects (headers, enrichment) whole. The document codec reads dotted keys first, in one
     * lookup per field, where nested maps cost a path walk per field of every hit.
     */
    private static void flatten(JsonParser p, String prefix, Map<String, Object> out) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = prefix.isEmpty() ? p.currentName() : prefix + "." + p.currentName();
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT && !OBJECT_FIELDS.contains(key)) {
                flatten(p, key, out);
            } else {
                out.put(key, OpenJson.read(p, t));
            }
        }
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("unexpected search answer: " + actual + " where " + expected + " belongs");
        }
    }
}
