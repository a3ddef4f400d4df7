package io.tapline.schema;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * One hit of a page as the API writes it: its record id and project (for the cursor and the scope check) and its
 * seed-004 entry. Either transcoded from the stored document ({@link ApiEntryTranscoder}) or copied from the entry
 * stored beside it at index time ({@link StoredEntry}); both write the same bytes.
 */
public interface ApiEntrySource {

    /** The record id. */
    long id();

    /** The project id, or null. */
    String projectId();

    /** Writes the entry; the bodies only when asked for. */
    void write(JsonGenerator gen, boolean includeRequestBody, boolean includeResponseBody) throws IOException;
}
