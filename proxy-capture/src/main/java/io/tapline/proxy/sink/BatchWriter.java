package io.tapline.proxy.sink;

import io.tapline.schema.LogRecord;

import java.util.List;

/**
 * Delivers one batch to a destination (Logstash over TCP, Elasticsearch in-process, an NDJSON file).
 * Called from a single sink thread; may block. Throws {@link SinkUnavailableException} when the destination
 * cannot take the batch now: the pipeline then spools it and replays it later, in order.
 */
public interface BatchWriter extends AutoCloseable {

    /**
     * Writes every record of {@code batch}, or throws. A writer that stored part of a batch before failing
     * may see those records again on replay, so destinations must tolerate a repeat (records carry unique ids).
     *
     * @return records the destination refused for good (e.g. a mapping error), already reported; normally 0
     */
    int write(List<LogRecord> batch) throws SinkUnavailableException;

    /** A short name for logs and metrics, e.g. {@code logstash 127.0.0.1:5044}. */
    String describe();

    @Override
    void close();
}
