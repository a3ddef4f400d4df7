package io.tapline.proxy.server;

import io.tapline.proxy.capture.RecordFactory;
import io.tapline.proxy.sink.RecordSink;
import io.tapline.schema.LogRecord;

import java.util.function.Supplier;

/**
 * What every connection handler of one proxy shares: the live configuration, where records go, how they are
 * built, the upstream pool, the metrics and the time limits.
 *
 * @param headTimeoutMs     a request head must arrive completely within this time once it began (slowloris)
 * @param idleTimeoutMs     a keep-alive client connection with no request in progress is closed after this
 * @param headerAllowList   request headers copied into request records (lower case)
 */
record ProxyContext(Supplier<ProxySnapshot> snapshots, RecordSink sink, RecordFactory records, UpstreamPool pool,
                    ProxyMetrics metrics, long headTimeoutMs, long idleTimeoutMs, HeaderAllowList headerAllowList,
                    boolean tls) {

    /** Hands a record to the sink, counting it. Never blocks. */
    void emit(LogRecord record) {
        metrics.recordsEmitted.increment();
        sink.accept(record);
    }
}
