package io.tapline.api.query;

import io.tapline.api.params.ParameterSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Every parameter of {@code GET /api/proxy-logs/_logs}: the shared {@link FilterParameters}, then paging and
 * output. {@link LogsRequest#parse} reads exactly these, and the OpenAPI document lists exactly these.
 */
public final class LogsParameters {

    public static final int DEFAULT_LIMIT = 200;
    public static final int MAX_LIMIT = 1000;
    public static final int MAX_OFFSET = 1_000_000;

    public static final ParameterSpec LIMIT = ParameterSpec.integer("limit", 1, MAX_LIMIT, (long) DEFAULT_LIMIT, "100",
            "Max entries to return (default: 200). Not with last, nor with a stream format.");
    public static final ParameterSpec OFFSET = ParameterSpec.integer("offset", 0, MAX_OFFSET, 0L, "200",
            "Entries to skip (default: 0), newest first. Not with last, afterId or cursor.");
    public static final ParameterSpec LAST = ParameterSpec.integer("last", 1, MAX_LIMIT, null, "50",
            "Return only the last N entries: the newest N by id among those older than the settle window, "
                    + "oldest first, so that the last one's id can seed afterId.");
    public static final ParameterSpec AFTER_ID = ParameterSpec.integer("afterId", 0, Long.MAX_VALUE, null,
            "84321", "Return entries with an id greater than this, ascending (row cursor). Only entries older "
                    + "than the settle window are returned, so that one becoming searchable late is never skipped; "
                    + "the answer adds nextCursor (the afterId to send next) and hasMore.");
    public static final ParameterSpec CURSOR = ParameterSpec.pattern("cursor", 16_384, "[A-Za-z0-9_-]*", "",
            "a cursor this server issued, or empty to start",
            "Cross-tenant fanout pagination cursor (signed opaque base64; seed 004 section 5.2), admin only and "
                    + "only when LOGS_ADMIN_FANOUT=true (otherwise 400). Send it empty to start; each answer "
                    + "carries nextCursor and hasMore. Resend the same filters with every page.");
    public static final ParameterSpec INCLUDE_REQUEST_BODY = ParameterSpec.bool("includeRequestBody", false,
            "Include captured request bodies (default: false).");
    public static final ParameterSpec INCLUDE_RESPONSE_BODY = ParameterSpec.bool("includeResponseBody", false,
            "Include captured response bodies (default: false).");
    public static final ParameterSpec FORMAT = ParameterSpec.oneOf("format", List.of("json", "ndjson", "csv"), null,
            "json (a page, the default), or ndjson / csv: every matching entry streamed over a snapshot. "
                    + "Accept: application/x-ndjson or text/csv ask for the same.");

    /** Every parameter of the endpoint. */
    public static final List<ParameterSpec> ALL;

    static {
        List<ParameterSpec> all = new ArrayList<>(List.of(LIMIT, OFFSET));
        all.addAll(FilterParameters.ALL);
        all.addAll(List.of(INCLUDE_REQUEST_BODY, INCLUDE_RESPONSE_BODY, LAST, AFTER_ID, CURSOR, FORMAT));
        ALL = List.copyOf(all);
    }

    private LogsParameters() {
    }
}
