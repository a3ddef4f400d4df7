package io.tapline.api.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.schema.LogRecord;
import io.tapline.store.SearchStore;
import io.tapline.store.StoreUnavailableException;
import io.tapline.store.filter.LogFilter;
import io.tapline.store.snapshot.Snapshot;
import io.tapline.store.snapshot.SnapshotExpiredException;
import io.tapline.store.snapshot.SnapshotPage;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Streams every record a filter covers as NDJSON or CSV, newest first, over a snapshot opened for the request:
 * one page is read, written and flushed before the next is read, so memory stays bounded by the page size
 * whatever the number of matches. Failures before the first byte are ordinary error responses; once streaming,
 * an expired snapshot ends NDJSON with seed 004's {@code {"__trailer":true,"error":"snapshot_expired","status":410}}
 * (an unreachable store with {@code "store_unavailable"}, 503), and cuts a CSV stream short.
 */
public final class SnapshotExport {

    private static final Logger log = LoggerFactory.getLogger(SnapshotExport.class);

    private final SearchStore store;
    private final ObjectMapper mapper;
    private final Duration keepAlive;
    private final int pageSize;

    public SnapshotExport(SearchStore store, ObjectMapper mapper, Duration keepAlive, int pageSize) {
        this.store = store;
        this.mapper = mapper;
        this.keepAlive = keepAlive;
        this.pageSize = pageSize;
    }

    /**
     * @param render the entry of a record, or null to leave a record out (the caller's scope guard)
     * @throws StreamCutException when a CSV stream failed after it started: the caller must cut the connection
     */
    public void stream(HttpServerExchange exchange, LogFilter filter, OutputFormat format, boolean requestBodies,
                       boolean responseBodies, Function<LogRecord, Map<String, Object>> render) throws IOException {
        if (format == OutputFormat.JSON) {
            throw new IllegalArgumentException("JSON is served as pages, not streamed");
        }
        Snapshot snapshot = store.openSnapshot(keepAlive);
        try {
            SnapshotPage page = store.readSnapshot(snapshot, filter, null, pageSize);
            snapshot = page.snapshot();
            exchange.setStatusCode(StatusCodes.OK);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, format.mediaType() + "; charset=utf-8");
            exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
            exchange.getResponseHeaders().put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff");
            if (format == OutputFormat.CSV) {
                exchange.getResponseHeaders().put(Headers.CONTENT_DISPOSITION, "attachment; filename=\"logs.csv\"");
            }
            if (!exchange.isBlocking()) {
                exchange.startBlocking();
            }
            OutputStream out = exchange.getOutputStream();
            RowWriter writer = format == OutputFormat.CSV ? new CsvRowWriter(out, requestBodies, responseBodies)
                    : new NdjsonRowWriter(out, mapper);
            writer.begin();
            while (true) {
                for (LogRecord record : page.records()) {
                    Map<String, Object> entry = render.apply(record);
                    if (entry != null) {
                        writer.write(entry);
                    }
                }
                writer.flush();
                if (page.records().size() < pageSize) {
                    break;
                }
                try {
                    page = store.readSnapshot(snapshot, filter, page.last(), pageSize);
                    snapshot = page.snapshot();
                } catch (SnapshotExpiredException e) {
                    end(writer, StatusCodes.GONE, "snapshot_expired", e);
                    return;
                } catch (StoreUnavailableException e) {
                    end(writer, StatusCodes.SERVICE_UNAVAILABLE, "store_unavailable", e);
                    return;
                }
            }
            out.close();
        } finally {
            store.closeSnapshot(snapshot);
        }
    }

    private static void end(RowWriter writer, int status, String error, RuntimeException cause) throws IOException {
        log.warn("stream ended early ({}): {}", error, cause.getMessage());
        if (!writer.trailer(status, error)) {
            throw new StreamCutException(error, cause);
        }
    }

    /** A stream that has started cannot be completed and has no in-band way to say so: cut the connection. */
    public static final class StreamCutException extends RuntimeException {
        StreamCutException(String error, Throwable cause) {
            super("stream cut short: " + error, cause);
        }
    }
}
