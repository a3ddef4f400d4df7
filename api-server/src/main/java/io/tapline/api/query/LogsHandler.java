package io.tapline.api.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.api.auth.AuthenticatingHandler;
import io.tapline.api.auth.Principal;
import io.tapline.api.cursor.CursorCodec;
import io.tapline.api.cursor.FanoutPager;
import io.tapline.api.export.SnapshotExport;
import io.tapline.api.http.ApiException;
import io.tapline.api.http.JsonResponses;
import io.tapline.api.http.QueryParameters;
import io.tapline.schema.IdGenerator;
import io.tapline.schema.LogRecord;
import io.tapline.store.EntrySearch;
import io.tapline.store.LogPage;
import io.tapline.store.LogQuery;
import io.tapline.store.SearchStore;
import io.tapline.store.filter.LogFilter;
import io.tapline.store.snapshot.SnapshotExpiredException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/proxy-logs/_logs}: validates the parameters, scopes the filter to what the caller may read, and
 * answers in the request's paging mode: an offset page, the {@code last} N, an {@code afterId} row-cursor page, an
 * admin fanout page, or every match streamed as NDJSON/CSV. Blocks on the store, so it runs on a worker thread.
 */
public final class LogsHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(LogsHandler.class);
    static final String FANOUT_DISABLED = "cursor is not accepted: fanout pagination is disabled on this server "
            + "(LOGS_ADMIN_FANOUT is not true); page with offset or afterId instead";
    static final String SNAPSHOT_EXPIRED = "The cursor's snapshot has expired; start again with an empty cursor";

    private final SearchStore store;
    private final EntryRenderer renderer;
    private final JsonResponses json;
    private final QuerySettings settings;
    private final FanoutPager fanout;
    private final SnapshotExport export;
    /** Offset and afterId pages straight from the search answer; null where the record path must serve them. */
    private final TranscodedPages transcoded;

    public LogsHandler(SearchStore store, EntryRenderer renderer, JsonResponses json, QuerySettings settings) {
        this.store = store;
        this.renderer = renderer;
        this.json = json;
        this.settings = settings;
        this.fanout = new FanoutPager(store, settings.cursorKey(), settings.cursorKeepAlive(), settings.clock());
        this.export = new SnapshotExport(store, new ObjectMapper(), settings.exportKeepAlive(), settings.exportPageSize());
        this.transcoded = store instanceof EntrySearch entries && ProductionRenderer.isApiCodec(renderer)
                ? new TranscodedPages(entries) : null;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        Principal principal = AuthenticatingHandler.principal(exchange);
        LogsRequest request = LogsRequest.parse(QueryParameters.parse(exchange.getQueryString()),
                exchange.getRequestHeaders().getFirst(Headers.ACCEPT));
        if (request.paging() instanceof Paging.Fanout) {
            // Checked before anything else about the cursor, so that the answer says nothing about it.
            if (!settings.adminFanout()) {
                throw ApiException.badRequest(FANOUT_DISABLED);
            }
            if (!principal.admin()) {
                throw ApiException.forbidden(ProjectScope.FORBIDDEN);
            }
        }
        LogFilter filter = request.filter().scopedTo(principal);
        Paging paging = request.paging();
        if (paging instanceof Paging.Offset o) {
            offsetPage(exchange, request, filter, o);
        } else if (paging instanceof Paging.Last l) {
            lastPage(exchange, request, filter, l);
        } else if (paging instanceof Paging.AfterId a) {
            afterIdPage(exchange, request, filter, a);
        } else if (paging instanceof Paging.Fanout f) {
            fanoutPage(exchange, request, filter, f);
        } else {
            stream(exchange, request, filter);
        }
    }

    private void offsetPage(HttpServerExchange exchange, LogsRequest request, LogFilter filter, Paging.Offset o)
            throws Exception {
        if (transcoded != null) {
            transcoded.offsetPage(exchange, LogQuery.newestFirst(filter, o.limit(), o.offset()),
                    projectId -> inScope(filter, projectId), request, o.limit(), o.offset());
            return;
        }
        LogPage page = store.search(LogQuery.newestFirst(filter, o.limit(), o.offset()));
        json.send(exchange, StatusCodes.OK, new LogsResponse(render(page.records(), filter, request), page.total(),
                o.limit(), o.offset()));
    }

    private void lastPage(HttpServerExchange exchange, LogsRequest request, LogFilter filter, Paging.Last l)
            throws Exception {
        LogPage page = store.search(new LogQuery(filter, LogQuery.Order.ID_DESCENDING, l.count(), 0, null,
                settleBound()));
        List<LogRecord> oldestFirst = new ArrayList<>(page.records());
        java.util.Collections.reverse(oldestFirst);
        json.send(exchange, StatusCodes.OK, new LogsResponse(render(oldestFirst, filter, request), page.total(),
                l.count(), 0));
    }

    private void afterIdPage(HttpServerExchange exchange, LogsRequest request, LogFilter filter, Paging.AfterId a)
            throws Exception {
        LogQuery query = new LogQuery(filter, LogQuery.Order.ID_ASCENDING, a.limit(), 0, a.afterId(), settleBound());
        if (transcoded != null) {
            transcoded.afterIdPage(exchange, query, projectId -> inScope(filter, projectId), request, a.afterId(),
                    a.limit());
            return;
        }
        LogPage page = store.search(query);
        List<LogRecord> records = page.records();
        long next = records.isEmpty() ? a.afterId() : records.get(records.size() - 1).id();
        json.send(exchange, StatusCodes.OK, new CursorPageResponse(render(records, filter, request), page.total(),
                a.limit(), 0, Long.toString(next), page.total() > records.size()));
    }

    private void fanoutPage(HttpServerExchange exchange, LogsRequest request, LogFilter filter, Paging.Fanout f)
            throws Exception {
        FanoutPager.Page page;
        try {
            page = fanout.page(filter, f.cursor(), f.limit());
        } catch (CursorCodec.InvalidCursorException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (SnapshotExpiredException e) {
            throw new ApiException(StatusCodes.GONE, SNAPSHOT_EXPIRED);
        }
        json.send(exchange, StatusCodes.OK, new CursorPageResponse(render(page.records(), filter, request),
                page.total(), f.limit(), page.offset(), page.nextCursor(), page.hasMore()));
    }

    private void stream(HttpServerExchange exchange, LogsRequest request, LogFilter filter) throws Exception {
        try {
            export.stream(exchange, filter, request.format(), request.includeRequestBody(),
                    request.includeResponseBody(), record -> inScope(filter, record) ? entry(record, request) : null);
        } catch (SnapshotExpiredException e) {
            // before the first byte: the snapshot vanished between opening and the first read
            throw new ApiException(StatusCodes.GONE, "The snapshot expired before the stream started; try again");
        } catch (SnapshotExport.StreamCutException e) {
            log.warn("{}: {}", LogsParameters.FORMAT.name(), e.getMessage());
            IoUtils.safeClose(exchange.getConnection());
        } catch (java.io.IOException e) {
            // the client went away mid-stream: nothing to answer, and not a server fault worth a stack trace
            log.info("export stream ended early: {}", e.toString());
            IoUtils.safeClose(exchange.getConnection());
        }
    }

    /**
     * The smallest id a record captured at the start of the settle window can have: {@code afterId} and
     * {@code last} stop below it, so that records still on their way into the index (sink batches, the refresh
     * interval) are not overtaken by the cursor and skipped.
     */
    private long settleBound() {
        return IdGenerator.firstIdAt(settings.clock().millis() - settings.settleWindow().toMillis());
    }

    private List<Map<String, Object>> render(List<LogRecord> records, LogFilter filter, LogsRequest request) {
        List<Map<String, Object>> entries = new ArrayList<>(records.size());
        for (LogRecord record : records) {
            if (inScope(filter, record)) {
                entries.add(entry(record, request));
            }
        }
        return entries;
    }

    private Map<String, Object> entry(LogRecord record, LogsRequest request) {
        return renderer.render(record, request.includeRequestBody(), request.includeResponseBody());
    }

    /** Defence in depth: a store bug must not become a cross-tenant leak. */
    private static boolean inScope(LogFilter filter, LogRecord record) {
        return inScope(filter, record.projectId());
    }

    private static boolean inScope(LogFilter filter, String projectId) {
        if (filter.projectIds() == null || projectId != null && filter.projectIds().contains(projectId)) {
            return true;
        }
        log.error("the store returned a record outside the queried projects; dropped it");
        return false;
    }
}
