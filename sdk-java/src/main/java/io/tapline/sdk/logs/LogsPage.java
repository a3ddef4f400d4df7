package io.tapline.sdk.logs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * One page of {@code GET /api/proxy-logs/_logs}: seed 004's {@code entries}, {@code total}, {@code limit} and
 * {@code offset}, plus the paging hints servers add.
 *
 * @param total      entries matching the query (not just this page)
 * @param nextCursor the fanout cursor of the next page, or null when there is none (or fanout is off)
 * @param hasMore    whether more entries follow this page, or null when the server does not say
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LogsPage(List<LogEntry> entries, long total, int limit, int offset, String nextCursor,
                       Boolean hasMore) {

    public LogsPage {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }
}
