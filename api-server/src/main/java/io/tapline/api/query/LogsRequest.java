package io.tapline.api.query;

import io.tapline.api.export.OutputFormat;
import io.tapline.api.http.ApiException;
import io.tapline.api.params.ParameterReader;
import io.tapline.api.params.ParameterSpec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.tapline.api.query.LogsParameters.AFTER_ID;
import static io.tapline.api.query.LogsParameters.CURSOR;
import static io.tapline.api.query.LogsParameters.LAST;
import static io.tapline.api.query.LogsParameters.LIMIT;
import static io.tapline.api.query.LogsParameters.OFFSET;

/**
 * A validated {@code GET /api/proxy-logs/_logs} request: its filter (not yet scoped), one paging mode, the output
 * format and the body flags. Parameters that contradict each other are refused with a 400 naming both, never
 * resolved silently: {@code offset} pages by position and {@code afterId}/{@code cursor} by key, {@code last}
 * is its own count, and a stream returns every match.
 */
public record LogsRequest(FilterRequest filter, Paging paging, OutputFormat format, boolean includeRequestBody,
                          boolean includeResponseBody) {

    public LogsRequest {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(paging, "paging");
        Objects.requireNonNull(format, "format");
    }

    /**
     * @param query  the decoded query parameters
     * @param accept the request's {@code Accept} header, or null
     */
    public static LogsRequest parse(Map<String, List<String>> query, String accept) {
        ParameterReader reader = new ParameterReader(query, LogsParameters.ALL, "the logs query");
        FilterRequest filter = FilterParameters.parse(reader);
        String formatName = reader.oneOf(LogsParameters.FORMAT);
        OutputFormat format = formatName == null ? OutputFormat.fromAccept(accept)
                : OutputFormat.valueOf(formatName.toUpperCase(java.util.Locale.ROOT));
        return new LogsRequest(filter, paging(reader, format), format,
                reader.bool(LogsParameters.INCLUDE_REQUEST_BODY), reader.bool(LogsParameters.INCLUDE_RESPONSE_BODY));
    }

    private static Paging paging(ParameterReader reader, OutputFormat format) {
        int limit = reader.integer(LIMIT).intValue();
        if (format != OutputFormat.JSON) {
            refuseWith(reader, "format=" + format.wireName() + " streams every match", LIMIT, OFFSET, LAST, AFTER_ID, CURSOR);
            return new Paging.Everything();
        }
        if (reader.has(CURSOR)) {
            refuseWith(reader, CURSOR.name() + " pages by its own position", OFFSET, LAST, AFTER_ID);
            return new Paging.Fanout(reader.string(CURSOR), limit);
        }
        if (reader.has(AFTER_ID)) {
            refuseWith(reader, AFTER_ID.name() + " pages by id", OFFSET, LAST);
            return new Paging.AfterId(reader.integer(AFTER_ID), limit);
        }
        if (reader.has(LAST)) {
            refuseWith(reader, LAST.name() + " is its own count", LIMIT, OFFSET);
            return new Paging.Last(reader.integer(LAST).intValue());
        }
        return new Paging.Offset(limit, reader.integer(OFFSET).intValue());
    }

    private static void refuseWith(ParameterReader reader, String why, ParameterSpec... conflicting) {
        for (ParameterSpec other : conflicting) {
            if (reader.has(other)) {
                throw ApiException.badRequest(why + "; it cannot be combined with " + other.name());
            }
        }
    }
}
