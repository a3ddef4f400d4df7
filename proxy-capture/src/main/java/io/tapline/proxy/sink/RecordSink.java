package io.tapline.proxy.sink;

import io.tapline.schema.LogRecord;

/**
 * Where the proxy hands captured records. {@link #accept} never blocks and never throws: it is called on
 * Netty event-loop threads, and capture must never slow or break traffic. What cannot be kept is counted.
 */
public interface RecordSink extends AutoCloseable {

    /** Takes one record for asynchronous delivery. */
    void accept(LogRecord record);

    /** Flushes what is queued (best effort, bounded wait) and releases resources. */
    @Override
    void close();
}
