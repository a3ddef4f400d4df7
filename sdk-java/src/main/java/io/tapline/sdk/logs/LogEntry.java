package io.tapline.sdk.logs;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One log entry in seed 004's shape: a request, a response or a proxy event. {@code kind}, {@code level} and
 * {@code source} stay strings so that a value a newer server introduces still reads; fields this SDK does not
 * know are kept in {@link #other()}, and writing an entry back out (e.g. as NDJSON) keeps them.
 *
 * @param id           globally unique, time-ordered id; the {@code afterId} cursor sorts on it
 * @param traceId      pairs a request with its response
 * @param tsMs         capture time, epoch milliseconds
 * @param tsIso        the same instant in ISO 8601 (UTC)
 * @param kind         {@code request}, {@code response} or {@code event}
 * @param level        {@code debug}, {@code info}, {@code warn}, {@code error} (or {@code critical})
 * @param status       the HTTP status (responses and some events)
 * @param data         sizes, latency and user agent; never null
 * @param source       {@code backend} or {@code edge}
 * @param action       what a proxy event reports (e.g. {@code upstream_timeout}, {@code scope-destroyed})
 * @param message      an event's human-readable text
 * @param headers      captured request headers (redacted)
 * @param requestBody  present only when the query set {@code includeRequestBody}
 * @param responseBody present only when the query set {@code includeResponseBody}
 * @param enrichment   what the enrichment filter added (route template, classes, flags, pattern id)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "traceId", "tsMs", "tsIso", "kind", "level", "projectId", "containerId", "serviceName",
        "method", "url", "clientIp", "status", "data", "source", "action", "message", "headers", "requestBody",
        "responseBody", "enrichment"})
public record LogEntry(long id, String traceId, long tsMs, String tsIso, String kind, String level, String projectId,
                       String containerId, String serviceName, String method, String url, String clientIp,
                       Integer status, EntryData data, String source, String action, String message,
                       Map<String, String> headers, Body requestBody, Body responseBody,
                       Map<String, Object> enrichment, @JsonAnySetter Map<String, Object> other) {

    public LogEntry {
        data = data == null ? new EntryData(null, null, null, null, null) : data;
        other = other == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(other));
    }

    /** Fields this SDK has no component for, in the order the server sent them. */
    @Override
    @JsonAnyGetter
    public Map<String, Object> other() {
        return other;
    }
}
