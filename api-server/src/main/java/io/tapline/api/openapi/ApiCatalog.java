package io.tapline.api.openapi;

import io.tapline.api.histogram.HistogramParameters;
import io.tapline.api.histogram.HistogramResponse;
import io.tapline.api.inventory.InventoryKind;
import io.tapline.api.inventory.InventoryParameters;
import io.tapline.api.keys.ApiKeysEndpoint;
import io.tapline.api.params.ParameterSpec;
import io.tapline.api.query.CursorPageResponse;
import io.tapline.api.query.FilterParameters;
import io.tapline.api.query.LogsParameters;
import io.tapline.api.query.LogsResponse;
import io.tapline.api.stats.AggregateRoutes;
import io.tapline.api.stats.StatsParameters;
import io.tapline.api.stats.StatsResponse;
import io.tapline.api.status.StatusHandler;
import io.tapline.api.status.VersionHandler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every operation the server has, for the API document: each lists the parameter specs its parser reads and the
 * record its handler writes. A new endpoint is added here (a test fails while an endpoint's parser and its entry
 * disagree).
 */
public final class ApiCatalog {

    public static final String OPENAPI_PATH = "/api/openapi.json";
    public static final String LOGS = "/api/proxy-logs/_logs";
    public static final String STREAM = "/api/proxy-logs/_logs/stream";

    /**
     * The live tail's parameters as {@code io.tapline.api.stream.StreamParams} reads them (a comma list for kind
     * and level); the document test checks that the endpoint takes exactly these.
     */
    static final List<ParameterSpec> STREAM_PARAMETERS = List.of(
            ParameterSpec.string("projectId", 128, "proj_a1b2c3d4",
                    "Filter to a single project (a tenant only to one of its own; SNI clients are auto-scoped)."),
            ParameterSpec.string("containerId", 128, "cnt_x9y8z7w6", "Filter to a single container."),
            ParameterSpec.listOf("kind", List.of("request", "response", "event"), "request,response",
                    "One or more of: request, response, event."),
            ParameterSpec.listOf("level", FilterParameters.LEVEL.values(), "error",
                    "One or more of: debug, info, warn, error, critical."));

    private static final String SCOPE = " A tenant credential (bearer JWT or API key, tenant listener) reads only "
            + "its own projects; an admin (admin listener) reads every project.";

    private ApiCatalog() {
    }

    public static List<EndpointDoc> endpoints() {
        List<EndpointDoc> all = new ArrayList<>();
        all.add(open("GET", "/api/status", "status", "Service health check",
                "200 while Elasticsearch answers, 503 otherwise. Both listeners, no credential.",
                Map.of(200, EndpointDoc.Response.json("Healthy", Schemas.forRecord(StatusHandler.Status.class)),
                        503, EndpointDoc.Response.error("Elasticsearch is unreachable"))));
        all.add(open("GET", "/api/version", "status", "Version info", "Both listeners, no credential.",
                Map.of(200, EndpointDoc.Response.json("The version", Schemas.forRecord(VersionHandler.Version.class)))));
        all.add(open("GET", OPENAPI_PATH, "status", "This document", "OpenAPI 3.1. Both listeners, no credential.",
                Map.of(200, EndpointDoc.Response.json("The API document", Map.of("type", "object")))));
        all.add(logs());
        all.add(secured("GET", STREAM, "logs", "Live-tail logs over SSE",
                "Server-Sent Events, every frame with id: <ringSeq>; Last-Event-ID resumes from the ring buffer; "
                        + "named events reset and scope-destroyed; ':' heartbeats every 15 s." + SCOPE,
                STREAM_PARAMETERS, List.of(header("Last-Event-ID", "Numeric ringSeq of the last event received.")),
                null, Map.of(200, new EndpointDoc.Response("The event stream",
                        Map.of("text/event-stream", Map.of("type", "string"))))));
        all.add(secured("GET", AggregateRoutes.STATS, "logs", "Get log statistics",
                StatsParameters.DESCRIPTION + SCOPE,
                StatsParameters.ALL, List.of(), null,
                Map.of(200, EndpointDoc.Response.json("The counts", Schemas.forRecord(StatsResponse.class)))));
        all.add(secured("GET", AggregateRoutes.HISTOGRAM, "logs", "Get a log histogram",
                HistogramParameters.DESCRIPTION + SCOPE,
                HistogramParameters.ALL, List.of(), null,
                Map.of(200, EndpointDoc.Response.json("The buckets", Schemas.forRecord(HistogramResponse.class)))));
        for (InventoryKind kind : InventoryKind.values()) {
            String path = kind == InventoryKind.CONTAINERS ? AggregateRoutes.CONTAINERS : AggregateRoutes.SERVICES;
            all.add(secured("GET", path, "logs", "List " + kind.listName() + " with log counts",
                    InventoryParameters.DESCRIPTION + SCOPE,
                    InventoryParameters.ALL, List.of(), null,
                    Map.of(200, EndpointDoc.Response.json("The inventory", inventory(kind)))));
        }
        all.add(secured("POST", ApiKeysEndpoint.PATH, "keys", "Create an API key",
                "Admin only. The secret key is in this answer only; it is stored as a salted hash.",
                List.of(), List.of(), newKey(), Map.of(201, EndpointDoc.Response.json("The key, with its secret", key(true)))));
        all.add(secured("GET", ApiKeysEndpoint.PATH, "keys", "List API keys", "Admin only. Never a secret or a hash.",
                List.of(), List.of(), null, Map.of(200, EndpointDoc.Response.json("The keys", keyListing()))));
        all.add(secured("DELETE", ApiKeysEndpoint.KEY_PATH, "keys", "Revoke an API key", "Admin only.", List.of(),
                List.of(pathParameter("id", "The key's id.")), null,
                Map.of(204, EndpointDoc.Response.empty("Revoked"), 404, EndpointDoc.Response.error("No such key"))));
        all.add(new EndpointDoc("GET", "/metrics", "status", "Prometheus metrics",
                "Admin listener only, no credential: aggregate counters of the proxy and its sink, never tenant data.",
                List.of(), List.of(), false, null, Map.of(200, new EndpointDoc.Response("Prometheus text format 0.0.4",
                        Map.of("text/plain", Map.of("type", "string"))))));
        return List.copyOf(all);
    }

    private static EndpointDoc logs() {
        Map<Integer, EndpointDoc.Response> responses = new LinkedHashMap<>();
        Map<String, Map<String, Object>> content = new LinkedHashMap<>();
        content.put("application/json", Map.of("oneOf", List.of(Schemas.ref("LogsPage"), Schemas.ref("CursorPage"))));
        content.put("application/x-ndjson", Schemas.described("string", "format=ndjson: one entry per line, newest "
                + "first, over a snapshot; if the snapshot expires mid-stream the last line is "
                + "{\"__trailer\":true,\"error\":\"snapshot_expired\",\"status\":410}"));
        content.put("text/csv", Schemas.described("string", "format=csv: RFC 4180 with a header row; a stream that "
                + "cannot complete is cut off (no final chunk)"));
        responses.put(200, new EndpointDoc.Response("A page (offset, last), a cursor page (afterId, cursor) or the "
                + "stream. A large offset or afterId page is sent while it is written (Transfer-Encoding: chunked on "
                + "HTTP/1.1); if it cannot be completed once sending has begun, the connection is closed before the "
                + "final chunk, so a page without its final chunk is a failed request, never a shorter page", content));
        responses.put(410, EndpointDoc.Response.error("The fanout cursor's snapshot has expired"));
        return secured("GET", LOGS, "logs", "Query centralized logs",
                "Search and filter the stored request/response and event logs: pagination (offset, last, the afterId "
                        + "row cursor, the admin fanout cursor), level and time filters, full text, and row-cursor "
                        + "streaming as NDJSON or CSV. Contradicting parameters are a 400 naming them." + SCOPE,
                LogsParameters.ALL, List.of(), null, responses);
    }

    private static EndpointDoc open(String method, String path, String tag, String summary, String description,
                                    Map<Integer, EndpointDoc.Response> responses) {
        return new EndpointDoc(method, path, tag, summary, description, List.of(), List.of(), false, null, responses);
    }

    private static EndpointDoc secured(String method, String path, String tag, String summary, String description,
                                       List<ParameterSpec> parameters, List<Map<String, Object>> other,
                                       Map<String, Object> body, Map<Integer, EndpointDoc.Response> responses) {
        Map<Integer, EndpointDoc.Response> all = new LinkedHashMap<>(responses);
        all.putIfAbsent(400, EndpointDoc.Response.error("A parameter or the body is invalid; the message names it"));
        all.putIfAbsent(401, EndpointDoc.Response.error("Missing or invalid credential"));
        all.putIfAbsent(403, EndpointDoc.Response.error("Caller is not permitted to read logs for this scope"));
        all.putIfAbsent(429, EndpointDoc.Response.error("Rate limit exceeded (Retry-After says when to retry)"));
        all.putIfAbsent(503, EndpointDoc.Response.error("Elasticsearch is unreachable"));
        return new EndpointDoc(method, path, tag, summary, description, parameters, other, true, body, all);
    }

    private static Map<String, Object> header(String name, String description) {
        return Map.of("name", name, "in", "header", "required", false, "description", description,
                "schema", Map.of("type", "string", "pattern", "^[0-9]{1,18}$"));
    }

    private static Map<String, Object> pathParameter(String name, String description) {
        return Map.of("name", name, "in", "path", "required", true, "description", description,
                "schema", Map.of("type", "string"));
    }

    private static Map<String, Object> inventory(InventoryKind kind) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put(kind.keyName(), Map.of("type", "string"));
        item.put("count", Map.of("type", "integer"));
        item.put("lastSeenMs", Map.of("type", "integer"));
        item.put("lastSeenIso", Map.of("type", "string", "format", "date-time"));
        item.put("projectIds", Map.of("type", "array", "items", Map.of("type", "string")));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(kind.listName(), Map.of("type", "array", "items", Map.of("type", "object", "properties", item)));
        properties.put("total", Map.of("type", "integer"));
        properties.put("other", Map.of("type", "integer"));
        return Map.of("type", "object", "properties", properties);
    }

    private static Map<String, Object> newKey() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("name", Map.of("type", "string", "minLength", 1, "maxLength", 100));
        properties.put("role", Map.of("type", "string", "enum", List.of("admin", "tenant")));
        properties.put("projects", Map.of("type", "array", "items", Map.of("type", "string"),
                "description", "Required (non-empty) for a tenant key, empty for an admin key."));
        return Map.of("type", "object", "properties", properties, "required", List.of("name", "role"),
                "additionalProperties", false);
    }

    private static Map<String, Object> key(boolean withSecret) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String name : List.of("id", "name", "role", "created", "lastUsed", "revokedAt")) {
            properties.put(name, Map.of("type", "string"));
        }
        properties.put("projects", Map.of("type", "array", "items", Map.of("type", "string")));
        properties.put("revoked", Map.of("type", "boolean"));
        if (withSecret) {
            properties.put("key", Schemas.described("string", "The secret key, shown in this answer only."));
        }
        return Map.of("type", "object", "properties", properties);
    }

    private static Map<String, Object> keyListing() {
        return Map.of("type", "object", "properties", Map.of("items", Map.of("type", "array", "items", key(false)),
                "total", Map.of("type", "integer")));
    }

    /** The schemas the operations refer to by name. */
    static Map<String, Object> components() {
        Map<String, Object> schemas = new LinkedHashMap<>();
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "object");
        error.put("properties", Map.of("statusCode", Map.of("type", "integer"), "error", Map.of("type", "string"),
                "message", Map.of("type", "string")));
        error.put("required", List.of("statusCode", "error", "message"));
        schemas.put("Error", error);
        schemas.put("LogEntry", Schemas.entry());
        schemas.put("LogsPage", Schemas.forRecord(LogsResponse.class));
        schemas.put("CursorPage", Schemas.forRecord(CursorPageResponse.class));
        return schemas;
    }
}
