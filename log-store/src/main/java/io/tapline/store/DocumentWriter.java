package io.tapline.store;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tapline.schema.LogRecord;

import java.io.IOException;

/** Writes the document a record is stored as, as one JSON object, into a bulk body. */
@FunctionalInterface
interface DocumentWriter {
    void write(LogRecord record, JsonGenerator gen) throws IOException;
}
