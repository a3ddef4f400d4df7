package io.tapline.store;

import io.tapline.schema.LogRecord;

import java.util.List;

/**
 * Elasticsearch stayed unreachable or overloaded through every retry. Carries exactly the records that
 * were not stored, so the caller can spool and replay them; storing them again later is harmless because
 * each record's id is its document id.
 */
public class BulkIncompleteException extends StoreUnavailableException {
    private final transient List<LogRecord> notStored;

    public BulkIncompleteException(String message, List<LogRecord> notStored, Throwable cause) {
        super(message, cause);
        this.notStored = List.copyOf(notStored);
    }

    public List<LogRecord> notStored() {
        return notStored;
    }
}
