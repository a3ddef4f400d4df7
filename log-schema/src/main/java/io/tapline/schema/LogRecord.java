package io.tapline.schema;

import java.util.Map;
import java.util.Objects;

/**
 * One captured log record: a request, a response or a proxy event. Every field of a seed-004 entry,
 * plus the captured bodies, the allow-listed request headers, an event's action and message, and an open
 * enrichment map filled by the filter. Nullable fields are absent from every shape when null.
 *
 * <p>The shapes this record takes (Elasticsearch ECS document, API entry, wire line) are all derived from
 * the single table in {@link RecordFields}.
 *
 * @param id          globally unique, time-ordered id ({@link IdGenerator})
 * @param traceId     pairs a request with its response
 * @param tsMs        capture time, epoch milliseconds
 * @param kind        request, response or event
 * @param level       severity
 * @param projectId   tenant, set by the proxy route
 * @param containerId container, set by the proxy route
 * @param serviceName service, set by the proxy route
 * @param method      HTTP method
 * @param url         the original request target (path and query), after redaction
 * @param clientIp    the client address, after trusted {@code X-Forwarded-For} handling
 * @param status      HTTP response status
 * @param bytesIn     request body bytes
 * @param bytesOut    response body bytes
 * @param durationMs  time from request to end of response
 * @param userAgent   the request's {@code User-Agent}
 * @param source      backend or edge
 * @param action      for events: what happened, e.g. {@code upstream_connect_failure}, {@code scope-destroyed}
 * @param message     for events: a human-readable message (or a service log line)
 * @param requestHeaders allow-listed, redacted request headers (lower-case names)
 * @param requestBody   captured request body, or null
 * @param responseBody  captured response body, or null
 * @param enrichment    open map of fields added by the enrichment filter (stored under {@code tapline.enrichment})
 */
public record LogRecord(
        long id,
        String traceId,
        long tsMs,
        Kind kind,
        Level level,
        String projectId,
        String containerId,
        String serviceName,
        String method,
        String url,
        String clientIp,
        Integer status,
        Long bytesIn,
        Long bytesOut,
        Long durationMs,
        String userAgent,
        Source source,
        String action,
        String message,
        Map<String, String> requestHeaders,
        Body requestBody,
        Body responseBody,
        Map<String, Object> enrichment) {

    public LogRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(level, "level");
        requestHeaders = requestHeaders == null ? Map.of() : Map.copyOf(requestHeaders);
        enrichment = enrichment == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(enrichment));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder seeded with this record's values. */
    public Builder toBuilder() {
        return new Builder().id(id).traceId(traceId).tsMs(tsMs).kind(kind).level(level).projectId(projectId)
                .containerId(containerId).serviceName(serviceName).method(method).url(url).clientIp(clientIp)
                .status(status).bytesIn(bytesIn).bytesOut(bytesOut).durationMs(durationMs).userAgent(userAgent)
                .source(source).action(action).message(message).requestHeaders(requestHeaders)
                .requestBody(requestBody).responseBody(responseBody).enrichment(enrichment);
    }

    /** Fluent builder; {@link #build()} validates the required fields. */
    public static final class Builder {
        private long id;
        private String traceId;
        private long tsMs;
        private Kind kind;
        private Level level = Level.INFO;
        private String projectId;
        private String containerId;
        private String serviceName;
        private String method;
        private String url;
        private String clientIp;
        private Integer status;
        private Long bytesIn;
        private Long bytesOut;
        private Long durationMs;
        private String userAgent;
        private Source source;
        private String action;
        private String message;
        private Map<String, String> requestHeaders;
        private Body requestBody;
        private Body responseBody;
        private Map<String, Object> enrichment;

        private Builder() {
        }

        public Builder id(long v) { this.id = v; return this; }
        public Builder traceId(String v) { this.traceId = v; return this; }
        public Builder tsMs(long v) { this.tsMs = v; return this; }
        public Builder kind(Kind v) { this.kind = v; return this; }
        public Builder level(Level v) { this.level = v; return this; }
        public Builder projectId(String v) { this.projectId = v; return this; }
        public Builder containerId(String v) { this.containerId = v; return this; }
        public Builder serviceName(String v) { this.serviceName = v; return this; }
        public Builder method(String v) { this.method = v; return this; }
        public Builder url(String v) { this.url = v; return this; }
        public Builder clientIp(String v) { this.clientIp = v; return this; }
        public Builder status(Integer v) { this.status = v; return this; }
        public Builder bytesIn(Long v) { this.bytesIn = v; return this; }
        public Builder bytesOut(Long v) { this.bytesOut = v; return this; }
        public Builder durationMs(Long v) { this.durationMs = v; return this; }
        public Builder userAgent(String v) { this.userAgent = v; return this; }
        public Builder source(Source v) { this.source = v; return this; }
        public Builder action(String v) { this.action = v; return this; }
        public Builder message(String v) { this.message = v; return this; }
        public Builder requestHeaders(Map<String, String> v) { this.requestHeaders = v; return this; }
        public Builder requestBody(Body v) { this.requestBody = v; return this; }
        public Builder responseBody(Body v) { this.responseBody = v; return this; }
        public Builder enrichment(Map<String, Object> v) { this.enrichment = v; return this; }

        public LogRecord build() {
            return new LogRecord(id, traceId, tsMs, kind, level, projectId, containerId, serviceName, method, url,
                    clientIp, status, bytesIn, bytesOut, durationMs, userAgent, source, action, message,
                    requestHeaders, requestBody, responseBody, enrichment);
        }
    }
}
