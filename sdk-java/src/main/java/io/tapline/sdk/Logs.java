package io.tapline.sdk;

import com.fasterxml.jackson.databind.JavaType;
import io.tapline.sdk.logs.ContainerList;
import io.tapline.sdk.logs.ExportFormat;
import io.tapline.sdk.logs.Histogram;
import io.tapline.sdk.logs.ServiceList;
import io.tapline.sdk.logs.LogStats;
import io.tapline.sdk.logs.LogsPage;
import io.tapline.sdk.logs.LogsParams;
import io.tapline.sdk.logs.Paging;
import io.tapline.sdk.stream.LogStream;
import io.tapline.sdk.stream.StreamOptions;
import io.tapline.sdk.stream.StreamParams;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * The calls of {@code /api/proxy-logs/_logs} (seed 004): {@link #list} one page, {@link #listIterator} every
 * matching entry page by page, {@link #export} all of them as NDJSON or CSV, {@link #getStats} the counts,
 * {@link #histogram} the counts over time, {@link #containers} and {@link #services} the inventories,
 * {@link #streamLogs} the live tail. Each throws a
 * {@link TaplineApiException} subtype when the API refuses and {@link TaplineConnectionException} when it cannot
 * be reached.
 */
public final class Logs {

    static final String LOGS = "/api/proxy-logs/_logs";
    static final String STATS = LOGS + "/stats";
    static final String STREAM = LOGS + "/stream";
    static final String HISTOGRAM = LOGS + "/histogram";
    static final String CONTAINERS = LOGS + "/containers";
    static final String SERVICES = LOGS + "/services";

    private final Transport transport;
    private final JavaType pageType;
    private final JavaType statsType;

    Logs(Transport transport) {
        this.transport = transport;
        this.pageType = transport.mapper().constructType(LogsPage.class);
        this.statsType = transport.mapper().constructType(LogStats.class);
    }

    /** One page: {@code GET /api/proxy-logs/_logs} with {@code params}. */
    public LogsPage list(LogsParams params) {
        return transport.getJson(LOGS, Objects.requireNonNull(params, "params").toQuery(), pageType);
    }

    /** One page with the server's defaults (the newest 200 entries). */
    public LogsPage list() {
        return list(LogsParams.defaults());
    }

    /**
     * Every entry {@code params} selects, fetched page by page with the {@code afterId} row cursor (ascending
     * ids, starting after {@code params.afterId()} or from the first record); {@code params.limit()} is the
     * page size. Pages are fetched as the iteration needs them.
     */
    public LogIterator listIterator(LogsParams params) {
        return listIterator(params, Paging.AFTER_ID);
    }

    /** Every entry {@code params} selects, walked with the given {@link Paging}. */
    public LogIterator listIterator(LogsParams params, Paging paging) {
        return new LogIterator(this, Objects.requireNonNull(params, "params"), Objects.requireNonNull(paging, "paging"));
    }

    /**
     * Streams every entry {@code filters} selects in {@code format} into {@code out}, byte for byte as the server
     * writes it (newest first, over a snapshot, so nothing repeats or goes missing while it runs). {@code filters}
     * must not page: no limit, offset, last, afterId or cursor.
     *
     * @param onRow told the running row count after each row, e.g. for a progress bar
     * @return the number of rows (entries) written
     * @throws GoneException when the server's snapshot expired mid-stream (NDJSON's trailer)
     * @throws TaplineConnectionException when the stream was cut short
     */
    public long export(LogsParams filters, ExportFormat format, OutputStream out, LongConsumer onRow) {
        Map<String, String> query = new LinkedHashMap<>(Objects.requireNonNull(filters, "filters").toQuery());
        query.put("format", format.wireName());
        OutputStream destination = new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    // the caller's side failed (disk full, closed pipe): not the server's fault
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        try (InputStream in = transport.getStream(LOGS, query, format.mediaType())) {
            return new ExportCopier(transport.mapper()).copy(in, format, destination, onRow);
        } catch (java.io.UncheckedIOException e) {
            throw new TaplineException("cannot write the export: " + Transport.describe(e.getCause()), e.getCause());
        } catch (IOException e) {
            throw new TaplineConnectionException("the export was cut short: " + Transport.describe(e), e);
        }
    }

    /** {@code GET /api/proxy-logs/_logs/stats}: counts by level, project, container and service. */
    public LogStats getStats() {
        return getStats(LogsParams.defaults());
    }

    /**
     * The counts of the entries {@code filters} selects (project, container, service, levels, kind, method, source,
     * text, time range), exactly those the same search returns.
     */
    public LogStats getStats(LogsParams filters) {
        return transport.getJson(STATS, filterQuery(filters), statsType);
    }

    /** As {@link #getStats(LogsParams)}, listing the {@code top} most frequent projects, containers and services. */
    public LogStats getStats(LogsParams filters, int top) {
        Map<String, String> q = filterQuery(filters);
        q.put("top", Integer.toString(positive(top, "top")));
        return transport.getJson(STATS, q, statsType);
    }

    /**
     * {@code GET /api/proxy-logs/_logs/histogram}: the entries {@code filters} selects over time; the filters' time
     * bounds set the range (default: the day before now).
     *
     * @param interval the bucket width ({@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}), or null for the
     *                 server's automatic choice
     */
    public Histogram histogram(LogsParams filters, String interval) {
        Map<String, String> q = filterQuery(filters);
        if (interval != null) {
            q.put("interval", interval);
        }
        return transport.getJson(HISTOGRAM, q, transport.mapper().constructType(Histogram.class));
    }

    /** {@code GET /api/proxy-logs/_logs/containers}: up to {@code limit} containers, the most entries first. */
    public ContainerList containers(LogsParams filters, int limit) {
        Map<String, String> q = filterQuery(filters);
        q.put("limit", Integer.toString(positive(limit, "limit")));
        return transport.getJson(CONTAINERS, q, transport.mapper().constructType(ContainerList.class));
    }

    /** {@code GET /api/proxy-logs/_logs/services}: up to {@code limit} services, the most entries first. */
    public ServiceList services(LogsParams filters, int limit) {
        Map<String, String> q = filterQuery(filters);
        q.put("limit", Integer.toString(positive(limit, "limit")));
        return transport.getJson(SERVICES, q, transport.mapper().constructType(ServiceList.class));
    }

    /** The filters of {@code params} as a query; the counting endpoints do not page. */
    private static Map<String, String> filterQuery(LogsParams params) {
        Objects.requireNonNull(params, "filters");
        if (params.limit() != null || params.offset() != null || params.last() != null || params.afterId() != null
                || params.cursor() != null || params.includeRequestBody() != null
                || params.includeResponseBody() != null) {
            throw new IllegalArgumentException("counting endpoints take filters only, not limit, offset, last, "
                    + "afterId, cursor or body flags");
        }
        return new LinkedHashMap<>(params.toQuery());
    }

    private static int positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
        return value;
    }

    /**
     * The live tail: frames as they are written, reconnecting on its own after a lost connection (see
     * {@link LogStream}). Close it when done.
     *
     * @throws TaplineApiException from the iteration when the server refuses the stream
     */
    public LogStream streamLogs(StreamParams params) {
        return streamLogs(params, StreamOptions.defaults());
    }

    /** The live tail with client-side {@link StreamOptions} (reconnect policy, idle timeout, heartbeats). */
    public LogStream streamLogs(StreamParams params, StreamOptions options) {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(options, "options");
        return new LogStream(new HttpStreamConnector(transport, STREAM, params.toQuery()), options,
                new JsonFrameReader(transport.mapper()), params.lastEventId());
    }
}
