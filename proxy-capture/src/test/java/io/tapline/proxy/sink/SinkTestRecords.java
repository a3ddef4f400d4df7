package io.tapline.proxy.sink;

import io.tapline.schema.IdGenerator;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.schema.Source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Records shaped like the proxy's, with strictly increasing ids, for the sink tests. */
final class SinkTestRecords {
    /** The system identity drop events start from. */
    static final LogRecord EVENT_TEMPLATE = LogRecord.builder().kind(Kind.EVENT).level(Level.WARN)
            .projectId("proj_tapline_system").serviceName("tapline-proxy").source(Source.EDGE).build();

    private final IdGenerator ids = new IdGenerator(3);
    private int n;

    /** The next record, for {@code project}. */
    LogRecord next(String project) {
        int i = n++;
        return LogRecord.builder()
                .id(ids.nextId())
                .traceId("trace-" + i)
                .tsMs(System.currentTimeMillis())
                .kind(i % 2 == 0 ? Kind.REQUEST : Kind.RESPONSE)
                .level(Level.INFO)
                .projectId(project)
                .serviceName("orders")
                .method("GET")
                .url("/orders/" + i)
                .clientIp("127.0.0.1")
                .status(i % 2 == 0 ? null : 200)
                .source(Source.BACKEND)
                .enrichment(Map.of("seq", i))
                .build();
    }

    List<LogRecord> next(String project, int count) {
        List<LogRecord> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(next(project));
        }
        return out;
    }

    /** A builder with fast retries and the test event identity, over {@code writer}. */
    static SinkPipelineBuilder pipeline(BatchWriter writer) {
        return SinkPipeline.builder(writer).ids(new IdGenerator(4)).eventTemplate(() -> EVENT_TEMPLATE)
                .linger(java.time.Duration.ofMillis(20))
                .retryBackoff(java.time.Duration.ofMillis(20), java.time.Duration.ofMillis(200));
    }

    static boolean isEvent(LogRecord r) {
        return r.kind() == Kind.EVENT && "proj_tapline_system".equals(r.projectId());
    }

    /** Sum of the counts that events with {@code action} report under {@code key}. */
    static long reported(List<LogRecord> written, String action, String key) {
        return written.stream().filter(r -> action.equals(r.action()))
                .mapToLong(r -> ((Number) r.enrichment().get(key)).longValue()).sum();
    }
}
