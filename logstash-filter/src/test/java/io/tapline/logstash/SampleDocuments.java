package io.tapline.logstash;

import io.tapline.schema.Body;
import io.tapline.schema.Json;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.schema.Source;
import io.tapline.schema.WireCodec;

import java.util.List;
import java.util.Map;

/** Records as the proxy ships them to Logstash: each one's wire line, parsed as json_lines would. */
final class SampleDocuments {
    private static final long TS = 1_767_225_600_123L; // 2026-01-01T00:00:00.123Z

    private SampleDocuments() {
    }

    static List<String> lines() {
        return List.of(
                WireCodec.toLine(common(1L, Kind.REQUEST, Level.INFO)
                        .method("POST").url("/v1/users/42/orders/9f1c2b7e4d5a6f70?api_key=s3cr3t&page=2")
                        .bytesIn(512L)
                        .requestHeaders(Map.of("authorization", "Bearer abc.def.ghi", "accept", "application/json"))
                        .requestBody(new Body("{\"password\":\"hunter2\",\"qty\":2}", false, "application/json"))
                        .build()),
                WireCodec.toLine(common(2L, Kind.RESPONSE, Level.INFO)
                        .method("GET").url("/v1/users/42").status(503).bytesOut(90L).durationMs(1_250L)
                        .build()),
                WireCodec.toLine(common(3L, Kind.RESPONSE, Level.INFO)
                        .method("GET").url("/../../etc/passwd?q=%27%20OR%201=1--").status(404).durationMs(3L)
                        .userAgent("sqlmap/1.7.2#stable (https://sqlmap.org)").build()),
                WireCodec.toLine(LogRecord.builder().id(4L).tsMs(TS).kind(Kind.EVENT).level(Level.INFO)
                        .projectId("proj_a1b2c3d4").serviceName("user-api").source(Source.BACKEND)
                        .action("service_log")
                        .message("2026-01-01T00:00:00.120Z [WARN] slow query took 812 ms for user 42").build()));
    }

    static Map<String, Object> document(String line) {
        return Json.readObject(line);
    }

    private static LogRecord.Builder common(long id, Kind kind, Level level) {
        return LogRecord.builder().id(id).traceId("4bf92f3577b34da6a3ce929d0e0e4736").tsMs(TS).kind(kind)
                .level(level).projectId("proj_a1b2c3d4").containerId("cnt_x9y8z7w6").serviceName("user-api")
                .clientIp("203.0.113.7").source(Source.BACKEND)
                .userAgent("Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0");
    }
}
