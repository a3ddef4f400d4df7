package io.tapline.api.export;

import java.io.IOException;
import java.util.Map;

/** Writes streamed entries in one output format; the stream flushes after each page. */
interface RowWriter {

    /** Anything that precedes the first entry (the CSV header row). */
    void begin() throws IOException;

    void write(Map<String, Object> entry) throws IOException;

    void flush() throws IOException;

    /**
     * Ends a stream that could not be completed, with {@code status} and {@code error} (seed 004's NDJSON
     * trailer). Returns false when the format has no way to say so in-band (CSV): the connection must then be
     * cut so that the client cannot mistake the partial export for a complete one.
     */
    boolean trailer(int status, String error) throws IOException;
}
