package io.tapline.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.schema.EcsCodec;
import io.tapline.schema.IndexNames;
import io.tapline.schema.LogRecord;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.ResponseListener;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Writes records into daily indices with the {@code _bulk} API, in batches, retrying whole requests and
 * single items that Elasticsearch answers with 429/5xx. Items refused for good (e.g. a mapping conflict)
 * are returned as rejections and counted; records still unstored after every retry are thrown back in a
 * {@link BulkIncompleteException}. Nothing is dropped silently.
 *
 * <p>Bodies are serialized here and sent through the official client's low-level REST client: the typed
 * bulk API would build an object per item and parse a full response, which costs more than the indexing
 * itself at high rates.
 */
public final class BulkIndexer {
    private static final Logger LOG = LoggerFactory.getLogger(BulkIndexer.class);
    private static final ContentType NDJSON = ContentType.create("application/x-ndjson", StandardCharsets.UTF_8);

    private final RestClient rest;
    private final ObjectMapper mapper;
    private final RetryPolicy retry;
    private final int maxBatchDocs;
    private final int maxBatchBytes;
    private final IndexerStats stats = new IndexerStats();
    private final Function<LogRecord, Map<String, Object>> documents;

    public BulkIndexer(ElasticsearchConnection connection, ObjectMapper mapper, RetryPolicy retry,
                       int maxBatchDocs, int maxBatchBytes) {
        this(connection, mapper, retry, maxBatchDocs, maxBatchBytes, EcsCodec::toDocument);
    }

    /**
     * @param documents turns a record into the document to store: {@link EcsCodec#toDocument} by default, or
     *                  that followed by enrichment, so that what is stored is the enriched document
     */
    public BulkIndexer(ElasticsearchConnection connection, ObjectMapper mapper, RetryPolicy retry,
                       int maxBatchDocs, int maxBatchBytes, Function<LogRecord, Map<String, Object>> documents) {
        if (maxBatchDocs < 1 || maxBatchBytes < 1024) {
            throw new IllegalArgumentException("maxBatchDocs must be >= 1 and maxBatchBytes >= 1024");
        }
        this.rest = connection.restClient();
        this.mapper = mapper;
        this.retry = retry;
        this.maxBatchDocs = maxBatchDocs;
        this.maxBatchBytes = maxBatchBytes;
        this.documents = documents;
    }

    public BulkIndexer(ElasticsearchConnection connection, ObjectMapper mapper) {
        this(connection, mapper, RetryPolicy.defaults(), 2000, 8 * 1024 * 1024);
    }

    public IndexerStats stats() {
        return stats;
    }

    /**
     * Stores every record, batch by batch, and returns once each is stored or rejected for good. While one
     * batch is in flight the next is serialized, so encoding costs no indexing time.
     *
     * @throws BulkIncompleteException when the cluster stayed unavailable; it lists the unstored records
     */
    public BulkResult index(List<LogRecord> records) {
        int indexed = 0;
        List<BulkResult.Rejection> rejected = new ArrayList<>();
        InFlight inFlight = null;
        List<Item> batch = new ArrayList<>();
        int batchStart = 0;
        int batchBytes = 0;
        for (int i = 0; i < records.size(); i++) {
            Item item = encode(records.get(i));
            if (!batch.isEmpty() && (batch.size() >= maxBatchDocs || batchBytes + item.bytes.length > maxBatchBytes)) {
                if (inFlight != null) {
                    indexed += complete(inFlight, rejected, records, batchStart);
                }
                inFlight = launch(batch);
                batch = new ArrayList<>();
                batchStart = i;
                batchBytes = 0;
            }
            batch.add(item);
            batchBytes += item.bytes.length;
        }
        if (inFlight != null) {
            indexed += complete(inFlight, rejected, records, batchStart);
        }
        if (!batch.isEmpty()) {
            indexed += complete(launch(batch), rejected, records, records.size());
        }
        return new BulkResult(indexed, rejected);
    }

    /** The bulk body lines of one record: the action line and the document, each ending in a newline. */
    public byte[] bulkLines(LogRecord record) {
        return encode(record).bytes;
    }

    private Item encode(LogRecord record) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
            out.write(("{\"index\":{\"_index\":\"" + IndexNames.dailyIndex(record.tsMs()) + "\",\"_id\":\""
                    + record.id() + "\"}}\n").getBytes(StandardCharsets.UTF_8));
            mapper.writeValue(new NonClosing(out), documents.apply(record));
            out.write('\n');
            return new Item(record, out.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize record " + record.id(), e);
        }
    }

    /** Sends a batch's first attempt without waiting for the answer. */
    private InFlight launch(List<Item> items) {
        CompletableFuture<Response> answer = new CompletableFuture<>();
        stats.requests.incrementAndGet();
        rest.performRequestAsync(request(items), new ResponseListener() {
            @Override
            public void onSuccess(Response response) {
                answer.complete(response);
            }

            @Override
            public void onFailure(Exception exception) {
                answer.completeExceptionally(exception);
            }
        });
        return new InFlight(items, answer);
    }

    /**
     * Waits for a launched batch and retries what is left of it until every item is stored or rejected.
     *
     * @param unsentFrom index in {@code records} of the first record not yet sent at all, handed back with
     *                   the leftovers when the cluster stays unavailable
     * @return how many records of the batch were stored
     */
    private int complete(InFlight inFlight, List<BulkResult.Rejection> rejected, List<LogRecord> records,
                         int unsentFrom) {
        List<Item> pending = inFlight.items;
        int stored = 0;
        for (int attempt = 1; ; attempt++) {
            List<Item> again = new ArrayList<>();
            Exception failure = null;
            try {
                Response response;
                try {
                    response = attempt == 1 ? await(inFlight.answer) : perform(pending);
                } catch (ResponseException e) {
                    response = e.getResponse(); // an error status: handle() decides between retry and reject
                }
                stored += handle(response, pending, again, rejected);
            } catch (IOException | RetryableStatus e) {
                failure = e;
                again = pending;
                stats.retriedRequests.incrementAndGet();
            }
            if (again.isEmpty()) {
                return stored;
            }
            if (failure == null) {
                stats.retriedItems.addAndGet(again.size());
            }
            if (attempt >= retry.maxAttempts()) {
                List<LogRecord> notStored = new ArrayList<>();
                again.forEach(it -> notStored.add(it.record));
                notStored.addAll(records.subList(unsentFrom, records.size()));
                throw new BulkIncompleteException("Elasticsearch did not store " + notStored.size()
                        + " records after " + attempt + " attempts"
                        + (failure == null ? "" : ": " + failure.getMessage()), notStored, failure);
            }
            pending = again;
            sleep(retry.backoff(attempt + 1).toMillis());
        }
    }

    private Request request(List<Item> items) {
        int size = 0;
        for (Item it : items) {
            size += it.bytes.length;
        }
        byte[] body = new byte[size];
        int pos = 0;
        for (Item it : items) {
            System.arraycopy(it.bytes, 0, body, pos, it.bytes.length);
            pos += it.bytes.length;
        }
        Request request = new Request("POST", "/_bulk");
        request.addParameter("filter_path", "errors,items.*.status,items.*.error");
        request.setEntity(new ByteArrayEntity(body, NDJSON));
        return request;
    }

    private Response perform(List<Item> items) throws IOException {
        stats.requests.incrementAndGet();
        return rest.performRequest(request(items));
    }

    private static Response await(CompletableFuture<Response> answer) throws IOException {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for Elasticsearch", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    /**
     * Reads a bulk answer (or the error answer a {@link ResponseException} carries): items stored, items to
     * retry (added to {@code again}) and items refused for good (added to {@code rejected}).
     */
    private int handle(Response response, List<Item> items, List<Item> again, List<BulkResult.Rejection> rejected)
            throws IOException, RetryableStatus {
        int status = response.getStatusLine().getStatusCode();
        if (status >= 300) {
            if (RetryPolicy.retryable(status)) {
                throw new RetryableStatus(status);
            }
            // The whole request was refused (e.g. 400 for a body we built wrong): every item is rejected.
            for (Item it : items) {
                rejected.add(new BulkResult.Rejection(it.record.id(), status, "bulk request refused: " + status));
            }
            stats.rejected.addAndGet(items.size());
            LOG.warn("Elasticsearch refused a bulk request of {} records with status {}", items.size(), status);
            return 0;
        }
        try (InputStream in = response.getEntity().getContent()) {
            return readItems(in, items, again, rejected);
        }
    }

    private int readItems(InputStream in, List<Item> items, List<Item> again, List<BulkResult.Rejection> rejected)
            throws IOException {
        try (JsonParser p = mapper.getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("unexpected bulk response");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("errors") && p.currentToken() == JsonToken.VALUE_FALSE) {
                    stats.indexed.addAndGet(items.size());
                    return items.size();
                }
                if (field.equals("items")) {
                    return readItemArray(p, items, again, rejected);
                }
                p.skipChildren();
            }
        }
        throw new IOException("bulk response without items");
    }

    private int readItemArray(JsonParser p, List<Item> items, List<Item> again, List<BulkResult.Rejection> rejected)
            throws IOException {
        int ok = 0;
        int i = 0;
        String firstReason = null;
        while (p.nextToken() == JsonToken.START_OBJECT) {
            JsonNode item = ((JsonNode) mapper.readTree(p)).elements().next();
            Item sent = items.get(i++);
            int status = item.path("status").asInt();
            if (status >= 200 && status < 300) {
                ok++;
            } else if (RetryPolicy.retryable(status)) {
                again.add(sent);
            } else {
                JsonNode error = item.path("error");
                String reason = error.path("type").asText("error") + ": " + error.path("reason").asText("");
                rejected.add(new BulkResult.Rejection(sent.record.id(), status, reason));
                firstReason = firstReason == null ? reason : firstReason;
            }
        }
        int refused = items.size() - ok - again.size();
        stats.indexed.addAndGet(ok);
        stats.rejected.addAndGet(refused);
        if (refused > 0) {
            LOG.warn("Elasticsearch rejected {} of {} records; first reason: {}", refused, items.size(), firstReason);
        }
        return ok;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting to retry", e);
        }
    }

    private record Item(LogRecord record, byte[] bytes) {
    }

    private record InFlight(List<Item> items, CompletableFuture<Response> answer) {
    }

    private static final class RetryableStatus extends Exception {
        RetryableStatus(int status) {
            super("Elasticsearch answered " + status, null, false, false);
        }
    }

    /** Lets Jackson write into a shared stream without closing it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() {
            // the caller owns the stream
        }
    }
}
