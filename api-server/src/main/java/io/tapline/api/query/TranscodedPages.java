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

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Offset and {@code afterId} pages answered straight from the search answer: each hit's {@code _source} is
 * transcoded into its entry as it is parsed, and the page goes out as it is written (see {@link PageBody}: one
 * write with a {@code Content-Length} when it is small, chunked past {@link #SPILL} bytes). The bytes are those of the record
 * path ({@link LogsResponse} or {@link CursorPageResponse} of {@code ApiCodec.toEntry} entries, written by
 * {@link io.tapline.api.http.JsonResponses}); the envelope's keys are taken from those records' property order.
 * Used only over an {@link EntrySearch} store with the production renderer (see {@link ProductionRenderer}).
 */
final class TranscodedPages {
    /** A default mapper, as {@code JsonResponses} writes with: the codec for enrichment values beyond plain JSON. */
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SerializedString[] PAGE = keys(LogsResponse.class);
    private static final SerializedString[] CURSOR_PAGE = keys(CursorPageResponse.class);
    /**
     * Bytes held back before a page is sent as it is written (see {@link PageBody}): enough for the envelope and
     * the first entries, so that a failure before any entry is written is still an ordinary error answer.
     */
    static final int SPILL = 16 * 1024;

    private final EntrySearch store;

    TranscodedPages(EntrySearch store) {
        this.store = store;
    }

    /** An offset page: {@code {"entries":[...],"total":T,"limit":L,"offset":O}}. */
    void offsetPage(HttpServerExchange exchange, LogQuery query, Predicate<String> inScope, LogsRequest request,
                    int limit, int offset) throws IOException {
        PageBody body = new PageBody(exchange);
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
        body.finish();
    }

    /** An {@code afterId} page: the offset page's keys (offset 0), {@code nextCursor} and {@code hasMore}. */
    void afterIdPage(HttpServerExchange exchange, LogQuery query, Predicate<String> inScope, LogsRequest request,
                     long afterId, int limit) throws IOException {
        PageBody body = new PageBody(exchange);
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
        body.finish();
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

    /** The status and headers {@code JsonResponses.send} gives a page. */
    private static void headers(HttpServerExchange exchange) {
        exchange.setStatusCode(StatusCodes.OK);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseHeaders().put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff");
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

    /**
     * The page's bytes on their way out. The first {@link #SPILL} bytes are held back: a page that ends by then
     * (or fails by then, say Elasticsearch is unreachable) is answered as before, in one write with a
     * {@code Content-Length} or as an error. Past that, the status and headers are committed and the bytes are
     * sent as they are written, chunked, so that the client reads the page while the rest is transcoded. A
     * failure after that point cannot become an error answer any more: the exception goes on to the
     * {@code ErrorHandler}, which closes the connection before the last chunk, so that no client takes a truncated
     * page for a whole one.
     */
    private static final class PageBody extends OutputStream {
        private final HttpServerExchange exchange;
        private byte[] held = new byte[SPILL + 8 * 1024];
        private int count;
        /** Null until the head of the page has been sent. */
        private OutputStream out;

        PageBody(HttpServerExchange exchange) {
            this.exchange = exchange;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (out != null) {
                out.write(bytes, offset, length);
                return;
            }
            if (count + length > held.length) {
                held = Arrays.copyOf(held, Math.max(held.length * 2, count + length));
            }
            System.arraycopy(bytes, offset, held, count, length);
            count += length;
            if (count >= SPILL) {
                headers(exchange);
                if (exchange.isHttp11()) {
                    // Chunked even when the connection closes after this answer (Connection: close), where Undertow
                    // would otherwise end the body by closing: a cut must never look like the end of a page.
                    exchange.getResponseHeaders().put(Headers.TRANSFER_ENCODING, Headers.CHUNKED.toString());
                }
                out = exchange.getOutputStream();
                out.write(held, 0, count);
                out.flush();
                held = null;
            }
        }

        /** The generator closes its target when it closes, failure or not: what was written stays until {@link #finish}. */
        @Override
        public void close() {
        }

        /**
         * Sends the rest of a complete page (in one write with a {@code Content-Length} when it never reached the
         * spill size), then lets the I/O thread end the exchange (see {@link EndInIoThread}).
         */
        void finish() throws IOException {
            if (out == null) {
                headers(exchange);
                exchange.setResponseContentLength(count);
                out = exchange.getOutputStream();
                out.write(held, 0, count);
                held = null;
            }
            EndInIoThread.end(exchange, out);
        }
    }
}
