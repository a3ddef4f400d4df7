package io.tapline.sdk;

import io.tapline.api.feed.RingFeed;
import io.tapline.schema.IdGenerator;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.schema.Source;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Records for the SDK's tests, each test under projects of its own so that tests sharing the node never mix. */
final class TestRecords {

    private static final IdGenerator IDS = new IdGenerator(7);

    private TestRecords() {
    }

    /** A project id no other test uses. */
    static String uniqueProject(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** {@code n} records of {@code project}, alternating kinds and levels, in id order. */
    static List<LogRecord> of(String project, int n) {
        List<LogRecord> out = new ArrayList<>(n);
        long start = System.currentTimeMillis() - 60_000;
        for (int i = 0; i < n; i++) {
            out.add(record(project, "cnt_" + (i % 3), i, start + i));
        }
        return out;
    }

    static LogRecord record(String project, String container, int i, long tsMs) {
        Kind kind = i % 2 == 0 ? Kind.REQUEST : Kind.RESPONSE;
        LogRecord.Builder b = LogRecord.builder().id(IDS.nextId()).traceId("trace-" + (i / 2)).tsMs(tsMs)
                .kind(kind).level(Level.values()[i % 4]).projectId(project).containerId(container)
                .serviceName("svc-" + (i % 2)).method(i % 3 == 0 ? "POST" : "GET").url("/v1/items/" + i)
                .clientIp("203.0.113." + (i % 200)).userAgent("sdk-test/1.0").source(Source.BACKEND);
        if (kind == Kind.RESPONSE) {
            b.status(i % 5 == 0 ? 500 : 200).bytesOut((long) i).durationMs((long) (i % 50));
        } else {
            b.bytesIn((long) i);
        }
        return b.build();
    }

    /** The proxy's event for a container removed from its routes: it ends streams that follow that container. */
    static LogRecord scopeDestroyed(String project, String container) {
        return LogRecord.builder().id(IDS.nextId()).tsMs(System.currentTimeMillis()).kind(Kind.EVENT)
                .level(Level.WARN).projectId(project).containerId(container)
                .action(RingFeed.SCOPE_DESTROYED_ACTION)
                .message("container " + container + " was removed from the proxy configuration").build();
    }
}
