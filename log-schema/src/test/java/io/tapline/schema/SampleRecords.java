package io.tapline.schema;

import java.util.List;
import java.util.Map;

/** Records the tests share: one with every field set, one with only the required ones. */
final class SampleRecords {
    private SampleRecords() {
    }

    static LogRecord full() {
        return LogRecord.builder()
                .id(84321L)
                .traceId("f47ac10b-58cc-4372-a567-0e02b2c3d479")
                .tsMs(1718201234102L)
                .kind(Kind.RESPONSE)
                .level(Level.WARN)
                .projectId("proj_a1b2c3d4")
                .containerId("cnt_x9y8z7w6")
                .serviceName("user-api")
                .method("POST")
                .url("/v1/users?page=2&sort=name")
                .clientIp("203.0.113.42")
                .status(201)
                .bytesIn(412L)
                .bytesOut(318L)
                .durationMs(102L)
                .userAgent("Hoody-CLI/1.4.2")
                .source(Source.EDGE)
                .action("upstream_slow")
                .message("upstream answered after 102 ms\nsecond line")
                .requestHeaders(Map.of("accept", "application/json", "x-request-id", "abc-123"))
                .requestBody(new Body("{\"name\":\"ada\"}", false, "application/json"))
                .responseBody(new Body("{\"id\":7,\"na", true, "application/json; charset=utf-8"))
                .enrichment(Map.of("route", "user-api", "class", "client_error", "score", 3,
                        "tags", List.of("slow", "retry"), "geo", Map.of("country", "NL")))
                .build();
    }

    static LogRecord minimal() {
        return LogRecord.builder().id(7L).tsMs(1718201234000L).kind(Kind.EVENT).level(Level.INFO).build();
    }
}
