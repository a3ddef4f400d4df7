package io.tapline.api.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.nio.ByteBuffer;

/** {@code GET /api/openapi.json}: the document, built and serialized once. */
public final class OpenApiHandler implements HttpHandler {

    private final byte[] document;

    public OpenApiHandler(String version) {
        try {
            this.document = new ObjectMapper().writeValueAsBytes(OpenApiDocument.build(version));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the API document cannot be serialized", e);
        }
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
        exchange.getResponseSender().send(ByteBuffer.wrap(document));
    }
}
