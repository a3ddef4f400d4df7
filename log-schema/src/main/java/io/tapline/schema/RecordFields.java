package io.tapline.schema;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The one mapping between a {@link LogRecord}, its seed-004 API entry and its ECS document in Elasticsearch.
 * Every codec walks this table, so adding a field here is the whole change (plus its index-template mapping,
 * which a test keeps in step).
 */
public final class RecordFields {
    public static final RecordField ID = field("id", FieldType.LONG, "id", "tapline.id", true,
            LogRecord::id, (b, v) -> b.id((Long) v));
    public static final RecordField TRACE_ID = field("traceId", FieldType.STRING, "traceId", "trace.id", false,
            LogRecord::traceId, (b, v) -> b.traceId((String) v));
    public static final RecordField TS_MS = new RecordField("tsMs", FieldType.TIMESTAMP,
            List.of("tsMs", "tsIso"), List.of("@timestamp"), true,
            LogRecord::tsMs, (b, v) -> b.tsMs((Long) v));
    public static final RecordField KIND = field("kind", FieldType.KIND, "kind", "tapline.kind", true,
            LogRecord::kind, (b, v) -> b.kind((Kind) v));
    public static final RecordField LEVEL = field("level", FieldType.LEVEL, "level", "log.level", true,
            LogRecord::level, (b, v) -> b.level((Level) v));
    public static final RecordField PROJECT_ID = field("projectId", FieldType.STRING, "projectId",
            "tapline.project_id", false, LogRecord::projectId, (b, v) -> b.projectId((String) v));
    public static final RecordField CONTAINER_ID = field("containerId", FieldType.STRING, "containerId",
            "container.id", false, LogRecord::containerId, (b, v) -> b.containerId((String) v));
    public static final RecordField SERVICE_NAME = field("serviceName", FieldType.STRING, "serviceName",
            "service.name", false, LogRecord::serviceName, (b, v) -> b.serviceName((String) v));
    public static final RecordField METHOD = field("method", FieldType.STRING, "method", "http.request.method",
            false, LogRecord::method, (b, v) -> b.method((String) v));
    public static final RecordField URL = new RecordField("url", FieldType.URL,
            List.of("url"), List.of("url.original", "url.path", "url.query"), false,
            LogRecord::url, (b, v) -> b.url((String) v));
    public static final RecordField CLIENT_IP = field("clientIp", FieldType.STRING, "clientIp", "client.ip", false,
            LogRecord::clientIp, (b, v) -> b.clientIp((String) v));
    public static final RecordField STATUS = field("status", FieldType.INTEGER, "status",
            "http.response.status_code", false, LogRecord::status, (b, v) -> b.status((Integer) v));
    public static final RecordField BYTES_IN = field("bytesIn", FieldType.LONG, "data.bytesIn",
            "http.request.bytes", false, LogRecord::bytesIn, (b, v) -> b.bytesIn((Long) v));
    public static final RecordField BYTES_OUT = field("bytesOut", FieldType.LONG, "data.bytesOut",
            "http.response.bytes", false, LogRecord::bytesOut, (b, v) -> b.bytesOut((Long) v));
    public static final RecordField DURATION_MS = field("durationMs", FieldType.DURATION, "data.durationMs",
            "event.duration", false, LogRecord::durationMs, (b, v) -> b.durationMs((Long) v));
    public static final RecordField USER_AGENT = field("userAgent", FieldType.STRING, "data.userAgent",
            "user_agent.original", false, LogRecord::userAgent, (b, v) -> b.userAgent((String) v));
    public static final RecordField SOURCE = field("source", FieldType.SOURCE, "source", "tapline.source", false,
            LogRecord::source, (b, v) -> b.source((Source) v));
    public static final RecordField ACTION = field("action", FieldType.STRING, "action", "event.action", false,
            LogRecord::action, (b, v) -> b.action((String) v));
    public static final RecordField MESSAGE = field("message", FieldType.STRING, "message", "message", false,
            LogRecord::message, (b, v) -> b.message((String) v));
    public static final RecordField REQUEST_HEADERS = field("requestHeaders", FieldType.HEADERS, "headers",
            "http.request.headers", false, LogRecord::requestHeaders, (b, v) -> b.requestHeaders(stringMap(v)));
    public static final RecordField REQUEST_BODY = new RecordField("requestBody", FieldType.BODY,
            List.of("requestBody"),
            List.of("http.request.body.content", "http.request.body.truncated", "http.request.mime_type"), false,
            LogRecord::requestBody, (b, v) -> b.requestBody((Body) v));
    public static final RecordField RESPONSE_BODY = new RecordField("responseBody", FieldType.BODY,
            List.of("responseBody"),
            List.of("http.response.body.content", "http.response.body.truncated", "http.response.mime_type"), false,
            LogRecord::responseBody, (b, v) -> b.responseBody((Body) v));
    public static final RecordField ENRICHMENT = field("enrichment", FieldType.OBJECT, "enrichment",
            "tapline.enrichment", false, LogRecord::enrichment, (b, v) -> b.enrichment(objectMap(v)));

    /** Every field, in seed 004's key order (the API entry's order; the ECS document follows it too). */
    public static final List<RecordField> ALL = List.of(ID, TRACE_ID, TS_MS, KIND, LEVEL, PROJECT_ID, CONTAINER_ID,
            SERVICE_NAME, METHOD, URL, CLIENT_IP, STATUS, BYTES_IN, BYTES_OUT, DURATION_MS, USER_AGENT, SOURCE,
            ACTION, MESSAGE, REQUEST_HEADERS, REQUEST_BODY, RESPONSE_BODY, ENRICHMENT);

    private RecordFields() {
    }

    /** The field with this {@link LogRecord} component name. */
    public static Optional<RecordField> byName(String name) {
        return ALL.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The field written at this API path (e.g. {@code tsIso} or {@code data.durationMs}). */
    public static Optional<RecordField> byApiPath(String apiPath) {
        return ALL.stream().filter(f -> f.apiPaths().contains(apiPath)).findFirst();
    }

    private static RecordField field(String name, FieldType type, String apiPath, String ecsPath, boolean required,
                                     Function<LogRecord, Object> getter, BiConsumer<LogRecord.Builder, Object> setter) {
        return new RecordField(name, type, List.of(apiPath), List.of(ecsPath), required, getter, setter);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> stringMap(Object value) {
        return (Map<String, String>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> objectMap(Object value) {
        return (Map<String, Object>) value;
    }
}
