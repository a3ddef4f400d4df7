package io.tapline.api.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body that must be one JSON object, within a size limit, so that every way a client can get
 * it wrong (too large, not JSON, not an object, wrong content type) ends in a 4xx with the API's error body.
 * Runs on a worker thread (blocking read).
 */
public final class JsonBodies {

    private final ObjectMapper mapper;

    public JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @throws ApiException 413 when the body exceeds {@code maxBytes}, 415 for a non-JSON content type, 400 when
     *                      the body is empty, not JSON, or not a JSON object
     */
    public ObjectNode readObject(HttpServerExchange exchange, int maxBytes) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        if (contentType != null && !isJson(contentType)) {
            throw new ApiException(415, "Content-Type must be application/json");
        }
        long declared = exchange.getRequestContentLength();
        if (declared > maxBytes) {
            throw ApiException.payloadTooLarge(maxBytes);
        }
        if (!exchange.isBlocking()) {
            exchange.startBlocking();
        }
        byte[] body = readAtMost(exchange.getInputStream(), maxBytes);
        if (body.length == 0) {
            throw ApiException.badRequest("Request body must be a JSON object");
        }
        JsonNode node;
        try {
            node = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
        } catch (JsonProcessingException e) {
            // Jackson's own message quotes the input and names internal classes: say where, not what.
            JsonLocation at = e.getLocation();
            throw ApiException.badRequest("Request body is not valid JSON" + (at == null ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("Request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    private static boolean isJson(String contentType) {
        String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    /** Reads the whole body, failing as soon as it passes {@code maxBytes} (a chunked body declares no length). */
    private static byte[] readAtMost(InputStream in, int maxBytes) throws IOException {
        byte[] buffer = new byte[maxBytes + 1];
        int total = 0;
        int n;
        while ((n = in.read(buffer, total, buffer.length - total)) > 0) {
            total += n;
            if (total > maxBytes) {
                throw ApiException.payloadTooLarge(maxBytes);
            }
        }
        return java.util.Arrays.copyOf(buffer, total);
    }
}
