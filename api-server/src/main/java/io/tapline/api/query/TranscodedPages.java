package io.tapline.api.query;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.store.EntrySearch;
import io.tapline.store.LogQuery;
import io.tapline.store.filter.LogFilter;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Predicate;

/**
 * Offset and {@code afterId} pages answered straight from the search answer: each hit's {@code _source} is
 * transcoded into its entry as it is parsed, into one response body sent once. The bytes are those of the record
 * path ({@link LogsResponse} or {@link CursorPageResponse} of {@code ApiCodec.toEntry} entries, written by
 * {@link io.tapline.api.http.JsonResponses}); the envelope's keys are taken from those records' property order.
 * Used only over an {@link EntrySearch} store with the production renderer (see {@link ProductionRenderer}).
 */
final class TranscodedPages {
    /** A default mapper, as {@code JsonResponses} writes with: the codec for enrichment values beyond plain JSON. */
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SerializedString[] PAGE = keys(LogsResponse.class);
    private static final SerializedString[] CURSOR_PAGE = keys(CursorPageResponse.class);
    /** Room for a typical 200-entry page, so that the buffer rarely grows. */
    private static final int INITIAL_BYTES = 128 * 1024;

    private final EntrySearch store;

    TranscodedPages(EntrySearch store) {
        this.store = store;
    }

    /** An offset page: {@code {"entries":[...],"total":T,"limit":L,"offset":O}}. */
    void offsetPage(HttpServerExchange exchange, LogQuery query, Predicate<String> inScope, LogsRequest request,
                    int limit, int offset) throws IOException {
        Body body = new Body();
        try (JsonGenerator gen = MAPPER.createGenerator(body)) {
            EntrySearch.EntryPage page = entries(gen, query, inScope, request, PAGE);
            gen.writeFieldName(PAGE[1]);
            gen.writeNumber(page.total());
            gen.writeFieldName(PAGE[2]);
            gen.writeNumber(limit);
            gen.writeFieldName(PAGE[3]);
            gen.writeNumber(offset);
            gen.writeEndObject();
        }
        send(exchange, body);
    }

    /** An {@code afterId} page: the offset page's keys (offset 0), {@code nextCursor} and {@code hasMore}. */
    void afterIdPage(HttpServerExchange exchange, LogQuery query, Predicate<String> inScope, LogsRequest request,
                     long afterId, int limit) throws IOException {
        Body body = new Body();
        try (JsonGenerator gen = MAPPER.createGenerator(body)) {
            EntrySearch.EntryPage page = entries(gen, query, inScope, request, CURSOR_PAGE);
            long next = page.lastId() == null ? afterId : page.lastId();
            gen.writeFieldName(CURSOR_PAGE[1]);
            gen.writeNumber(page.total());
            gen.writeFieldName(CURSOR_PAGE[2]);
            gen.writeNumber(limit);
            gen.writeFieldName(CURSOR_PAGE[3]);
            gen.writeNumber(0L);
            gen.writeFieldName(CURSOR_PAGE[4]);
            gen.writeString(Long.toString(next));
            gen.writeFieldName(CURSOR_PAGE[5]);
            gen.writeBoolean(page.total() > page.count());
            gen.writeEndObject();
        }
        send(exchange, body);
    }

    /** Opens the body, writes the entries array of the page's in-scope hits, and returns the page's figures. */
    private EntrySearch.EntryPage entries(JsonGenerator gen, LogQuery query, Predicate<String> inScope,
                                          LogsRequest request, SerializedString[] keys) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName(keys[0]);
        gen.writeStartArray();
        EntrySearch.EntryPage page = store.searchEntries(query, hit -> {
            if (inScope.test(hit.projectId())) {
                hit.write(gen, request.includeRequestBody(), request.includeResponseBody());
            }
        });
        gen.writeEndArray();
        return page;
    }

    /** Sends the body as {@code JsonResponses.send} does: same status and headers, the bytes in one write. */
    private static void send(HttpServerExchange exchange, Body body) {
        exchange.setStatusCode(StatusCodes.OK);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseHeaders().put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff");
        exchange.getResponseSender().send(body.buffer());
    }

    /** The record's JSON keys in the order Jackson writes them. */
    private static SerializedString[] keys(Class<?> record) {
        String[] order = record.getAnnotation(JsonPropertyOrder.class).value();
        SerializedString[] keys = new SerializedString[order.length];
        for (int i = 0; i < order.length; i++) {
            keys[i] = new SerializedString(order[i]);
        }
        return keys;
    }

    /** A body buffer whose bytes are sent without another copy. */
    private static final class Body extends ByteArrayOutputStream {
        Body() {
            super(INITIAL_BYTES);
        }

        ByteBuffer buffer() {
            return ByteBuffer.wrap(buf, 0, count);
        }
    }
}
