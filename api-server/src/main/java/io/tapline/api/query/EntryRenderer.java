package io.tapline.api.query;

import io.tapline.schema.LogRecord;

import java.util.Map;

/**
 * Turns a record into one seed-004 entry (a map in the seed's key order). Its signature matches
 * {@code io.tapline.schema.ApiCodec::toEntry}, which is the production renderer.
 */
@FunctionalInterface
public interface EntryRenderer {

    /** The entry for {@code record}; bodies appear only when the caller asked for them. */
    Map<String, Object> render(LogRecord record, boolean includeRequestBody, boolean includeResponseBody);
}
