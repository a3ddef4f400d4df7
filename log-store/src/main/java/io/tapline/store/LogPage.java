package io.tapline.store;

import io.tapline.schema.LogRecord;

import java.util.List;

/**
 * A page of records and the total number of matches.
 *
 * @param records the page, in the query's order
 * @param total   every record matching the query's filter and id bounds (exact, not capped at 10,000); the
 *                offset does not change it
 */
public record LogPage(List<LogRecord> records, long total) {
    public LogPage {
        records = List.copyOf(records);
    }
}
