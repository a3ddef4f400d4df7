package io.tapline.store;

import io.tapline.schema.Body;
import io.tapline.schema.IdGenerator;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.schema.Source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Realistic records with every field set, varied by index, for the store's integration tests. */
final class TestRecords {
    private TestRecords() {
    }

    static List<LogRecord> generate(int count, long startMs, long stepMs, String... projects) {
        IdGenerator ids = new IdGenerator(1);
        List<LogRecord> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Kind kind = Kind.values()[i % 3];
            out.add(LogRecord.builder()
                    .id(ids.nextId())
                    .traceId(UUID.nameUUIDFromBytes(("t" + i / 2).getBytes()).toString())
                    .tsMs(startMs + i * stepMs)
                    .kind(kind)
                    .level(Level.values()[i % 4])
                    .projectId(projects[i % projects.length])
                    .containerId("cnt_" + (i % 5))
                    .serviceName("svc-" + (i % 3))
                    .method(i % 2 == 0 ? "GET" : "POST")
                    .url("/v1/items/" + i + "?page=" + (i % 10))
                    .clientIp("203.0.113." + (i % 250))
                    .status(kind == Kind.EVENT ? null : 200 + (i % 4) * 100)
                    .bytesIn((long) i)
                    .bytesOut(i * 2L)
                    .durationMs((long) (i % 1000))
                    .userAgent("curl/8." + (i % 9))
                    .source(i % 2 == 0 ? Source.BACKEND : Source.EDGE)
                    .action(kind == Kind.EVENT ? "upstream_timeout" : null)
                    .message(kind == Kind.EVENT ? "upstream timed out after " + i + " ms" : null)
                    .requestHeaders(Map.of("accept", "application/json"))
                    .requestBody(i % 10 == 0 ? new Body("{\"n\":" + i + "}", false, "application/json") : null)
                    .responseBody(i % 10 == 0 ? new Body("ok " + i, i % 20 == 0, "text/plain") : null)
                    .enrichment(Map.of("route", "/v1/items/{id}", "n", i))
                    .build());
        }
        return out;
    }
}
