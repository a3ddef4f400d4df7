package io.tapline.api.openapi;

import io.tapline.api.params.ParameterSpec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One operation as the API document describes it.
 *
 * @param method      HTTP method, upper case
 * @param path        the path, with {@code {name}} for path parameters
 * @param tag         the group it is listed under
 * @param summary     one line
 * @param description what it does, how it is scoped, where it is served
 * @param parameters  its query parameters: the very specs its parser reads
 * @param otherParams path and header parameters, as OpenAPI parameter objects
 * @param secured     true when it needs a credential (X-API-Key or a bearer JWT)
 * @param requestBody JSON schema of the request body, or null
 * @param responses   status code to response
 */
public record EndpointDoc(String method, String path, String tag, String summary, String description,
                          List<ParameterSpec> parameters, List<Map<String, Object>> otherParams, boolean secured,
                          Map<String, Object> requestBody, Map<Integer, Response> responses) {

    public EndpointDoc {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        parameters = List.copyOf(parameters);
        otherParams = List.copyOf(otherParams);
        responses = Map.copyOf(responses);
    }

    /**
     * One response.
     *
     * @param description what it means
     * @param content     media type to JSON schema; empty for a response without a body
     */
    public record Response(String description, Map<String, Map<String, Object>> content) {
        public Response {
            content = Map.copyOf(content);
        }

        static Response json(String description, Map<String, Object> schema) {
            return new Response(description, Map.of("application/json", schema));
        }

        static Response error(String description) {
            return json(description, Schemas.ref("Error"));
        }

        static Response empty(String description) {
            return new Response(description, Map.of());
        }
    }
}
