package io.tapline.api.status;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tapline.api.http.JsonResponses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;

/** {@code GET /api/version}: {@code {"name":"tapline","version":"<version>","api":"v1"}}. */
public final class VersionHandler implements HttpHandler {

    private final Version body;
    private final JsonResponses json;

    public VersionHandler(String version, JsonResponses json) {
        this.body = new Version("tapline", version, "v1");
        this.json = json;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        json.send(exchange, StatusCodes.OK, body);
    }

    @JsonPropertyOrder({"name", "version", "api"})
    public record Version(String name, String version, String api) {
    }
}
