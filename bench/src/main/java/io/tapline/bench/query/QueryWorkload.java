package io.tapline.bench.query;

import io.tapline.schema.Body;
import io.tapline.schema.IdGenerator;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.schema.Source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Realistic records for the query benchmark, made batch by batch so that a million never sit in memory at once:
 * request/response pairs and about 5% events over 8 projects and 24 containers, 4% error and 1% critical levels,
 * URLs with ids and words, a captured JSON body on about 10% of records, timestamps spread evenly over a window.
 */
final class QueryWorkload {

    static final String[] PROJECTS = {"prj_acme", "prj_globex", "prj_initech", "prj_umbrella", "prj_hooli",
            "prj_stark", "prj_wayne", "prj_wonka"};
    static final String[] WORDS = {"checkout", "invoice", "catalog", "payment", "refund", "shipping", "profile",
            "search", "session", "inventory"};
    private static final String[] SERVICES = {"checkout", "catalog", "accounts", "search", "media", "gateway"};
    private static final String[] EVENTS = {"upstream_connect_failure", "upstream_timeout", "client_abort"};

    private final Random random = new Random(20261122L);
    private final long startMs;
    private final double stepMs;
    private final IdGenerator ids;
    private final long[] clock = new long[1];
    private int made;

    /** {@code total} records spread over {@code windowMs} ending at {@code endMs}. */
    QueryWorkload(int total, long endMs, long windowMs) {
        this.startMs = endMs - windowMs;
        this.stepMs = (double) windowMs / total;
        this.ids = new IdGenerator(11, () -> clock[0]);
    }

    List<LogRecord> next(int count) {
        List<LogRecord> batch = new ArrayList<>(count);
        while (batch.size() < count) {
            long ts = startMs + (long) (made * stepMs);
            clock[0] = ts;
            batch.add(record(ts));
            made++;
        }
        return batch;
    }

    private LogRecord record(long ts) {
        int p = random.nextInt(PROJECTS.length);
        int service = random.nextInt(SERVICES.length);
        String word = WORDS[random.nextInt(WORDS.length)];
        int roll = random.nextInt(100);
        Kind kind = roll < 5 ? Kind.EVENT : roll < 52 ? Kind.REQUEST : Kind.RESPONSE;
        int levelRoll = random.nextInt(100);
        Level level = levelRoll < 1 ? Level.CRITICAL : levelRoll < 5 ? Level.ERROR : levelRoll < 12 ? Level.WARN
                : levelRoll < 20 ? Level.DEBUG : Level.INFO;
        LogRecord.Builder b = LogRecord.builder()
                .id(ids.nextId())
                .traceId(new UUID(random.nextLong(), random.nextLong()).toString())
                .tsMs(ts)
                .kind(kind)
                .level(level)
                .projectId(PROJECTS[p])
                .containerId("cnt_" + p + "_" + service % 3)
                .serviceName(SERVICES[service])
                .source(random.nextInt(4) == 0 ? Source.EDGE : Source.BACKEND)
                .method(random.nextInt(4) == 0 ? "POST" : "GET")
                .url("/api/v1/" + word + "/" + (10_000 + random.nextInt(900_000)) + "?page=" + random.nextInt(20))
                .clientIp("203.0." + random.nextInt(256) + "." + random.nextInt(256))
                .userAgent("Mozilla/5.0 (X11; Linux x86_64) Firefox/13" + random.nextInt(10) + ".0")
                .requestHeaders(Map.of("accept", "application/json"))
                .enrichment(Map.of("route", "/api/v1/" + word + "/{id}", "region", "eu-west-1"));
        switch (kind) {
            case EVENT -> b.action(EVENTS[random.nextInt(EVENTS.length)])
                    .message("upstream " + SERVICES[service] + " " + word + " failed after " + random.nextInt(30_000) + " ms");
            case REQUEST -> {
                b.bytesIn((long) random.nextInt(4_096));
                if (random.nextInt(10) == 0) {
                    b.requestBody(new Body("{\"" + word + "\":{\"id\":" + random.nextInt(1_000_000)
                            + ",\"note\":\"" + WORDS[random.nextInt(WORDS.length)] + " requested\"}}", false,
                            "application/json"));
                }
            }
            case RESPONSE -> b.status(level.atLeast(Level.ERROR) ? 500 + random.nextInt(4) : 200)
                    .bytesOut((long) random.nextInt(65_536)).durationMs((long) random.nextInt(2_000));
        }
        return b.build();
    }
}
