package io.tapline.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.api.auth.Authenticator;
import io.tapline.api.query.EntryRenderer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * An {@link ApiServer} started on free loopback ports over an {@link InMemorySearchStore}, with a real HTTP
 * client to call it. It accepts real bearer tokens minted by {@link TestTokens} (HS256) on both listeners.
 */
public final class RunningApi implements AutoCloseable {

    public static final String ADMIN_TOKEN = "admin-token-for-tests-6f1c2a";
    public static final String VERSION = "9.8.7-test";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public final InMemorySearchStore store;
    public final ApiServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningApi(InMemorySearchStore store, Authenticator tenantAuthenticator, EntryRenderer renderer) {
        this.store = store;
        this.server = ApiServer.builder()
                .store(store)
                .entryRenderer(renderer)
                .tenantPort(0)
                .adminPort(0)
                .adminToken(ADMIN_TOKEN)
                .tenantAuthenticator(tenantAuthenticator)
                .jwt(TestTokens.settings())
                .version(VERSION)
                .build()
                .start();
    }

    public static RunningApi start() {
        return start(Authenticator.none());
    }

    public static RunningApi start(Authenticator tenantAuthenticator) {
        return new RunningApi(new InMemorySearchStore(), tenantAuthenticator, TestEntries.RENDERER);
    }

    public static RunningApi start(EntryRenderer renderer) {
        return new RunningApi(new InMemorySearchStore(), Authenticator.none(), renderer);
    }

    /** GET on the admin listener with the admin key. */
    public HttpResponse<String> admin(String pathAndQuery) {
        return send("GET", server.adminAddress(), pathAndQuery, "X-API-Key", ADMIN_TOKEN);
    }

    /** GET on the tenant listener with the given header name/value pairs. */
    public HttpResponse<String> tenant(String pathAndQuery, String... headers) {
        return send("GET", server.tenantAddress(), pathAndQuery, headers);
    }

    /** A GET to any server, for tests that build their own {@link ApiServer}. */
    public static HttpResponse<String> get(InetSocketAddress to, String pathAndQuery, String... headers) {
        return send(HttpClient.newHttpClient(), "GET", to, pathAndQuery, headers);
    }

    public HttpResponse<String> send(String method, InetSocketAddress to, String pathAndQuery, String... headers) {
        return send(http, method, to, pathAndQuery, headers);
    }

    private static HttpResponse<String> send(HttpClient http, String method, InetSocketAddress to,
                                             String pathAndQuery, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://" + to.getHostString() + ":" + to.getPort() + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The response body parsed as a JSON object, keys in the order they were sent. */
    public static Map<String, Object> json(HttpResponse<String> response) {
        try {
            return MAPPER.readValue(response.body(), new TypeReference<java.util.LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON object: " + response.body(), e);
        }
    }

    /** The seed-004 error body for {@code status}, as the API must send it. */
    public static Map<String, Object> errorBody(int status, String error, String message) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("statusCode", status);
        body.put("error", error);
        body.put("message", message);
        return body;
    }

    @Override
    public void close() {
        server.close();
    }
}
