package io.tapline.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.schema.EcsCodec;
import io.tapline.schema.EcsJsonWriter;
import io.tapline.schema.LogRecord;
import org.apache.http.HttpEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.ResponseListener;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Writes records into daily indices with the {@code _bulk} API, in batches, retrying whole requests and
 * single items that Elasticsearch answers with 429/5xx. Items refused for good (e.g. a mapping conflict)
 * are returned as rejections and counted; records still unstored after every retry are thrown back in a
 * {@link BulkIncompleteException}. Nothing is dropped silently.
 *
 * <p>Bodies are serialized here and sent through the official client's low-level REST client: the typed
 * bulk API would build an object per item and parse a full response, which costs more than the indexing
 * itself at high rates. Records are streamed ({@link EcsJsonWriter}) straight into the batch's one buffer, which
 * is sent as is; the buffers are reused from call to call.
 *
 * <p>Thread-safe: concurrent {@link #index} calls each use their own buffers.
 */
public final class BulkIndexer {
    private static final Logger LOG = LoggerFactory.getLogger(BulkIndexer.class);
    /** Buffers kept between calls: two per call (one in flight, one filling), for one caller at a time. */
    private static final int KEPT_BUFFERS = 2;
    /** A buffer grown past this by an outsized batch is left to the garbage collector rather than kept. */
    private static final int MAX_KEPT_CAPACITY = 32 * 1024 * 1024;
    private static final int FIRST_CAPACITY = 256 * 1024;

    private final RestClient rest;
    private final ObjectMapper mapper;
    private final RetryPolicy retry;
    private final int maxBatchDocs;
    private final int maxBatchBytes;
    private final IndexerStats stats = new IndexerStats();
    private final DocumentWriter documents;
    private final BlockingQueue<BulkBatch.Buffer> keptBuffers = new ArrayBlockingQueue<>(KEPT_BUFFERS);

    /** Stores each record as its ECS document, streamed by {@link EcsJsonWriter}. */
    public BulkIndexer(ElasticsearchConnection connection, ObjectMapper mapper, RetryPolicy retry,
                       int maxBatchDocs, int maxBatchBytes) {
        this(connection, mapper, retry, maxBatchDocs, maxBatchBytes, EcsJsonWriter::write);
    }

    /**
     * @param documents turns a record into the document to store: {@link EcsCodec#toDocument} followed by
     *                  enrichment, for example, so that what is stored is the enriched document. Written with
     *                  {@code mapper}, straight into the batch's buffer.
     */
    public BulkIndexer(ElasticsearchConnection connection, ObjectMapper mapper, RetryPolicy retry,
                       int maxBatchDocs, int maxBatchBytes, Function<LogRecord, Map<String, Object>> documents) {
        this(connection, mapper, retry, maxBatchDocs, maxBatchBytes, mapDocuments(mapper, documents));
    }

    private BulkIndexer(ElasticsearchConnection connection, ObjectMapper mapper, RetryPolicy retry,
                        int maxBatchDocs, int maxBatchBytes, DocumentWriter documents) {
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

    private static DocumentWriter mapDocuments(ObjectMapper mapper,
                                               Function<LogRecord, Map<String, Object>> documents) {
        Objects.requireNonNull(documents, "documents");
        return (record, gen) -> mapper.writeValue(gen, documents.apply(record));
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
        Deque<BulkBatch.Buffer> free = new ArrayDeque<>(KEPT_BUFFERS);
        keptBuffers.drainTo(free, KEPT_BUFFERS);
        ActionLines actions = new ActionLines();
        InFlight inFlight = null;
        BulkBatch batch = null;
        int batchStart = 0;
        try {
            for (int i = 0; i < records.size(); i++) {
                LogRecord record = records.get(i);
                if (batch == null) {
                    batch = newBatch(free);
                } else if (batch.size() >= maxBatchDocs) {
                    indexed += complete(inFlight, rejected, records, batchStart, free);
                    inFlight = launch(batch);
                    batch = newBatch(free);
                    batchStart = i;
                }
                batch.append(record, documents, actions);
                if (batch.size() > 1 && batch.bytes() > maxBatchBytes) {
                    // This record made the batch too large: it starts the next one instead.
                    indexed += complete(inFlight, rejected, records, batchStart, free);
                    BulkBatch next = newBatch(free);
                    batch.moveLastTo(next);
                    inFlight = launch(batch);
                    batch = next;
                    batchStart = i;
                }
            }
            indexed += complete(inFlight, rejected, records, batchStart, free);
            inFlight = null;
            if (batch != null) {
                indexed += complete(launch(batch), rejected, records, records.size(), free);
            }
        } finally {
            // Only buffers no request reads any more are in free; those of a failed call's batches are dropped.
            for (BulkBatch.Buffer buffer : free) {
                if (buffer.capacity() <= MAX_KEPT_CAPACITY) {
                    keptBuffers.offer(buffer);
                }
            }
        }
        return new BulkResult(indexed, rejected);
    }

    /** The bulk body lines of one record: the action line and the document, each ending in a newline. */
    public byte[] bulkLines(LogRecord record) {
        return bulkBody(List.of(record));
    }

    /**
     * The bulk body {@link #index} would send for {@code records} if they made one batch: each record's action line
     * and document, each ending in a newline.
     */
    public byte[] bulkBody(List<LogRecord> records) {
        BulkBatch batch = new BulkBatch(new BulkBatch.Buffer(Math.max(1024, records.size() * 1024)), mapper);
        ActionLines actions = new ActionLines();
        for (LogRecord record : records) {
            batch.append(record, documents, actions);
        }
        return batch.toBytes();
    }

    private BulkBatch newBatch(Deque<BulkBatch.Buffer> free) {
        BulkBatch.Buffer buffer = free.poll();
        return new BulkBatch(buffer != null ? buffer : new BulkBatch.Buffer(FIRST_CAPACITY), mapper);
    }

    /** Sends a batch's first attempt without waiting for the answer. */
    private InFlight launch(BulkBatch batch) {
        CompletableFuture<Response> answer = new CompletableFuture<>();
        stats.requests.incrementAndGet();
        rest.performRequestAsync(request(batch.entity()), new ResponseListener() {
            @Override
            public void onSuccess(Response response) {
                answer.complete(response);
            }

            @Override
            public void onFailure(Exception exception) {
                answer.completeExceptionally(exception);
            }
        });
        return new InFlight(batch, answer);
    }

    /**
     * Waits for a launched batch and retries what is left of it until every item is stored or rejected.
     *
     * Once it is done, its buffer goes to {@code free} for a later batch.
     *
     * @param inFlight   the launched batch, or null for none
     * @param unsentFrom index in {@code records} of the first record not yet sent at all, handed back with
     *                   the leftovers when the cluster stays unavailable
     * @return how many records of the batch were stored
     */
    private int complete(InFlight inFlight, List<BulkResult.Rejection> rejected, List<LogRecord> records,
                         int unsentFrom, Deque<BulkBatch.Buffer> free) {
        if (inFlight == null) {
            return 0;
        }
        BulkBatch batch = inFlight.batch;
        List<BulkBatch.Item> pending = batch.items();
        int stored = 0;
        for (int attempt = 1; ; attempt++) {
            List<BulkBatch.Item> again = new ArrayList<>();
            Exception failure = null;
            try {
                Response response;
                try {
                    response = attempt == 1 ? await(inFlight.answer) : perform(batch, pending);
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
                free.push(batch.release());
                return stored;
            }
            if (failure == null) {
                stats.retriedItems.addAndGet(again.size());
            }
            if (attempt >= retry.maxAttempts()) {
                List<LogRecord> notStored = new ArrayList<>();
                again.forEach(it -> notStored.add(it.record()));
                notStored.addAll(records.subList(unsentFrom, records.size()));
                throw new BulkIncompleteException("Elasticsearch did not store " + notStored.size()
                        + " records after " + attempt + " attempts"
                        + (failure == null ? "" : ": " + failure.getMessage()), notStored, failure);
            }
            pending = again;
            sleep(retry.backoff(attempt + 1).toMillis());
        }
    }

    private static Request request(HttpEntity body) {
        Request request = new Request("POST", "/_bulk");
        request.addParameter("filter_path", "errors,items.*.status,items.*.error");
        request.setEntity(body);
        return request;
    }

    private Response perform(BulkBatch batch, List<BulkBatch.Item> items) throws IOException {
        stats.requests.incrementAndGet();
        return rest.performRequest(request(batch.entity(items)));
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
    private int handle(Response response, List<BulkBatch.Item> items, List<BulkBatch.Item> again,
                       List<BulkResult.Rejection> rejected) throws IOException, RetryableStatus {
        int status = response.getStatusLine().getStatusCode();
        if (status >= 300) {
            if (RetryPolicy.retryable(status)) {
                throw new RetryableStatus(status);
            }
            // The whole request was refused (e.g. 400 for a body we built wrong): every item is rejected.
            for (BulkBatch.Item it : items) {
                rejected.add(new BulkResult.Rejection(it.record().id(), status, "bulk request refused: " + status));
            }
            stats.rejected.addAndGet(items.size());
            LOG.warn("Elasticsearch refused a bulk request of {} records with status {}", items.size(), status);
            return 0;
        }
        try (InputStream in = response.getEntity().getContent()) {
            return readItems(in, items, again, rejected);
        }
    }

    private int readItems(InputStream in, List<BulkBatch.Item> items, List<BulkBatch.Item> again,
                          List<BulkResult.Rejection> rejected) throws IOException {
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

    private int readItemArray(JsonParser p, List<BulkBatch.Item> items, List<BulkBatch.Item> again,
                              List<BulkResult.Rejection> rejected) throws IOException {
        int ok = 0;
        int i = 0;
        String firstReason = null;
        while (p.nextToken() == JsonToken.START_OBJECT) {
            JsonNode item = ((JsonNode) mapper.readTree(p)).elements().next();
            BulkBatch.Item sent = items.get(i++);
            int status = item.path("status").asInt();
            if (status >= 200 && status < 300) {
                ok++;
            } else if (RetryPolicy.retryable(status)) {
                again.add(sent);
            } else {
                JsonNode error = item.path("error");
                String reason = error.path("type").asText("error") + ": " + error.path("reason").asText("");
                rejected.add(new BulkResult.Rejection(sent.record().id(), status, reason));
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

    private record InFlight(BulkBatch batch, CompletableFuture<Response> answer) {
    }

    private static final class RetryableStatus extends Exception {
        RetryableStatus(int status) {
            super("Elasticsearch answered " + status, null, false, false);
        }
    }
}
