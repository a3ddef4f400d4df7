package io.tapline.api.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.schema.ApiCodec;
import io.tapline.schema.Body;
import io.tapline.schema.Kind;
import io.tapline.schema.Level;
import io.tapline.schema.LogRecord;
import io.tapline.schema.Source;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Tells whether a configured {@link EntryRenderer} is {@code ApiCodec::toEntry}, the production renderer, whose
 * output the store's streaming transcoder reproduces byte for byte. A method reference has no identity to compare,
 * so the renderer is asked for the entries of a few probe records that between them hold every field, both
 * bodies (asked for or not), headers and enrichment: any other renderer (tests render their own shapes) gets
 * the record path, so that a configured renderer is never silently bypassed.
 */
final class ProductionRenderer {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<LogRecord> PROBES = List.of(
            LogRecord.builder().id(84_321L).traceId("t-1").tsMs(1_718_201_234_102L).kind(Kind.REQUEST)
                    .level(Level.WARN).projectId("proj_probe").containerId("c-1").serviceName("svc")
                    .method("POST").url("/v1/probe?x=1").clientIp("203.0.113.7").status(201).bytesIn(12L)
                    .bytesOut(34L).durationMs(5L).userAgent("probe/1.0").source(Source.BACKEND).action("probe")
                    .message("caf\u00e9 \ud83d\ude80").requestHeaders(Map.of("accept", "*/*", "x-id", "1"))
                    .requestBody(new Body("{\"a\":1}", true, "application/json"))
                    .responseBody(new Body("ok", false, null))
                    .enrichment(Map.of("route", "/v1/probe", "n", 3, "tags", List.of("a", "b")))
                    .build(),
            LogRecord.builder().id(1L).tsMs(0L).kind(Kind.EVENT).level(Level.ERROR).build());

    private ProductionRenderer() {
    }

    /** True when {@code renderer} renders every probe record as {@link ApiCodec#toEntry} does. */
    static boolean isApiCodec(EntryRenderer renderer) {
        for (LogRecord probe : PROBES) {
            for (int bodies = 0; bodies < 4; bodies++) {
                boolean request = (bodies & 1) != 0;
                boolean response = (bodies & 2) != 0;
                try {
                    // The bytes, not the maps: key order at every level is part of the answer.
                    byte[] expected = MAPPER.writeValueAsBytes(ApiCodec.toEntry(probe, request, response));
                    byte[] actual = MAPPER.writeValueAsBytes(renderer.render(probe, request, response));
                    if (!Arrays.equals(actual, expected)) {
                        return false;
                    }
                } catch (RuntimeException | JsonProcessingException e) {
                    return false;
                }
            }
        }
        return true;
    }
}
