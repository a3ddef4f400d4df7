package io.tapline.api.openapi;

import io.tapline.api.params.ParameterSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Assembles the OpenAPI 3.1 document from the {@link ApiCatalog}. */
public final class OpenApiDocument {

    private OpenApiDocument() {
    }

    /** The document, as nested maps in OpenAPI's key order, ready for Jackson. */
    public static Map<String, Object> build(String version) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "Tapline API", "version", version,
                "description", "Search, aggregate and live-tail captured HTTP traffic logs. The tenant listener "
                        + "(default port 3000) takes tenant credentials, the admin listener (3001) the admin's. "
                        + "Every error is {\"statusCode\",\"error\",\"message\"}."));
        Map<String, Object> paths = new LinkedHashMap<>();
        for (EndpointDoc endpoint : ApiCatalog.endpoints()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(endpoint.path(), p -> new LinkedHashMap<>());
            item.put(endpoint.method().toLowerCase(Locale.ROOT), operation(endpoint));
        }
        doc.put("paths", paths);
        Map<String, Object> schemes = new LinkedHashMap<>();
        schemes.put("apiKey", Map.of("type", "apiKey", "in", "header", "name", "X-API-Key",
                "description", "An API key (POST /api/keys), or the admin token on the admin listener."));
        schemes.put("bearer", Map.of("type", "http", "scheme", "bearer", "bearerFormat", "JWT",
                "description", "HS256, RS256 or ES256; claims role (admin|tenant) and projects; aud tapline."));
        doc.put("components", Map.of("schemas", ApiCatalog.components(), "securitySchemes", schemes));
        return doc;
    }

    private static Map<String, Object> operation(EndpointDoc endpoint) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("tags", List.of(endpoint.tag()));
        op.put("summary", endpoint.summary());
        op.put("description", endpoint.description());
        op.put("operationId", endpoint.method().toLowerCase(Locale.ROOT)
                + endpoint.path().replaceAll("[^A-Za-z0-9]+", "_"));
        List<Map<String, Object>> parameters = new ArrayList<>();
        for (ParameterSpec spec : endpoint.parameters()) {
            parameters.add(parameter(spec));
        }
        parameters.addAll(endpoint.otherParams());
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        if (endpoint.requestBody() != null) {
            op.put("requestBody", Map.of("required", true,
                    "content", Map.of("application/json", Map.of("schema", endpoint.requestBody()))));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        endpoint.responses().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("description", e.getValue().description());
            if (!e.getValue().content().isEmpty()) {
                Map<String, Object> content = new LinkedHashMap<>();
                e.getValue().content().forEach((type, schema) -> content.put(type, Map.of("schema", schema)));
                response.put("content", content);
            }
            responses.put(Integer.toString(e.getKey()), response);
        });
        op.put("responses", responses);
        op.put("security", endpoint.secured() ? List.of(Map.of("apiKey", List.of()), Map.of("bearer", List.of()))
                : List.of());
        return op;
    }

    private static Map<String, Object> parameter(ParameterSpec spec) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", spec.name());
        p.put("in", "query");
        p.put("required", false);
        p.put("description", spec.description() + " Must be " + spec.rule() + ".");
        if (spec.type() == ParameterSpec.Type.ENUM_LIST) {
            p.put("style", "form");
            p.put("explode", false);
        }
        if (spec.type() == ParameterSpec.Type.STRING && spec.pattern() != null && spec.pattern().matcher("").matches()) {
            p.put("allowEmptyValue", true);
        }
        p.put("schema", Schemas.of(spec));
        p.put("example", switch (spec.type()) {
            case INTEGER, EPOCH_MS -> Long.parseLong(spec.example());
            case BOOLEAN -> Boolean.parseBoolean(spec.example());
            case ENUM_LIST -> List.of(spec.example().split(","));
            default -> spec.example();
        });
        return p;
    }
}
