package io.tapline.api.keys;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.api.http.ApiException;
import io.tapline.api.http.JsonBodies;
import io.tapline.api.http.JsonResponses;
import io.tapline.api.http.Router;
import io.tapline.api.http.UserInput;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * {@code POST /api/keys} (create; the key is in this answer only), {@code GET /api/keys} (list, never a secret
 * or hash) and {@code DELETE /api/keys/{id}} (revoke). Authentication and the admin check are decorators
 * around these handlers; they block on the store, so they run on a worker thread.
 */
public final class ApiKeysEndpoint {

    public static final String PATH = "/api/keys";
    public static final String KEY_PATH = "/api/keys/{id}";
    /** A key request is three short fields: anything near this size is not one. */
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final Logger log = LoggerFactory.getLogger(ApiKeysEndpoint.class);

    private final ApiKeys keys;
    private final JsonResponses json;
    private final JsonBodies bodies;

    public ApiKeysEndpoint(ApiKeys keys, JsonResponses json, ObjectMapper mapper) {
        this.keys = keys;
        this.json = json;
        this.bodies = new JsonBodies(mapper);
    }

    public HttpHandler create() {
        return this::handleCreate;
    }

    public HttpHandler list() {
        return exchange -> {
            List<KeyView> items = keys.list().stream().map(KeyView::of).toList();
            json.send(exchange, StatusCodes.OK, new KeyView.Listing(items, items.size()));
        };
    }

    public HttpHandler revoke() {
        return exchange -> {
            String id = Router.pathParameter(exchange, "id");
            if (!keys.revoke(id)) {
                throw ApiException.notFound("No API key with id " + UserInput.bounded(id));
            }
            log.info("API key {} revoked", id);
            exchange.setStatusCode(StatusCodes.NO_CONTENT);
            exchange.endExchange();
        };
    }

    private void handleCreate(HttpServerExchange exchange) throws Exception {
        NewKeyRequest request = NewKeyRequest.parse(bodies.readObject(exchange, MAX_BODY_BYTES));
        ApiKeys.Created created = keys.create(request.name(), request.role(), request.projects());
        log.info("API key {} ({}, {}) created", created.key().id(), created.key().name(), request.role().wireName());
        exchange.getResponseHeaders().put(Headers.LOCATION, PATH + "/" + created.key().id());
        json.send(exchange, StatusCodes.CREATED, KeyView.of(created.key(), created.secretKey()));
    }
}
