package io.tapline.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.nio.ByteBuffer;

/** Writes a value as a complete {@code application/json} response with the API's own Jackson mapper. */
public final class JsonResponses {

    private final ObjectMapper mapper;

    public JsonResponses() {
        this(new ObjectMapper());
    }

    public JsonResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Serialises {@code body} first and only then starts the response, so that a value Jackson cannot write
     * still reaches {@link ErrorHandler} while an error response is possible.
     */
    public void send(HttpServerExchange exchange, int status, Object body) throws JsonProcessingException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseHeaders().put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff");
        exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
    }
}
