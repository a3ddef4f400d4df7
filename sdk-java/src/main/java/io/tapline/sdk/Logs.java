package io.tapline.sdk;

import com.fasterxml.jackson.databind.JavaType;
import io.tapline.sdk.logs.LogStats;
import io.tapline.sdk.logs.LogsPage;
import io.tapline.sdk.logs.LogsParams;
import io.tapline.sdk.logs.Paging;
import io.tapline.sdk.stream.LogStream;
import io.tapline.sdk.stream.StreamOptions;
import io.tapline.sdk.stream.StreamParams;

import java.util.Map;
import java.util.Objects;

/**
 * The calls of {@code /api/proxy-logs/_logs} (seed 004): {@link #list} one page, {@link #listIterator} every
 * matching entry page by page, {@link #getStats} the counts, {@link #streamLogs} the live tail. Each throws a
 * {@link TaplineApiException} subtype when the API refuses and {@link TaplineConnectionException} when it cannot
 * be reached.
 */
public final class Logs {

    static final String LOGS = "/api/proxy-logs/_logs";
    static final String STATS = LOGS + "/stats";
    static final String STREAM = LOGS + "/stream";

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

    /** {@code GET /api/proxy-logs/_logs/stats}: counts by level, project, container and service. */
    public LogStats getStats() {
        return getStats(Map.of());
    }

    /**
     * The counts, narrowed by whatever parameters the server's stats endpoint accepts (e.g. {@code projectId});
     * seed 004's endpoint takes none.
     */
    public LogStats getStats(Map<String, String> params) {
        return transport.getJson(STATS, params, statsType);
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
