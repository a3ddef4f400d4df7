package io.tapline.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.schema.ApiCodec;
import io.tapline.store.ElasticsearchConnection;
import io.tapline.store.ElasticsearchStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * An {@link ApiServer} over a real Elasticsearch store (the embedded test node), on free loopback ports, with
 * the admin token {@link RunningApi#ADMIN_TOKEN} and a real HTTP client to call it. The caller adds what the
 * test is about (JWT settings, the API key store) through {@code customize}.
 */
public final class LiveApi implements AutoCloseable {

    public final ApiServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LiveApi(ApiServer server) {
        this.server = server;
    }

    public static LiveApi start(ElasticsearchConnection connection, UnaryOperator<ApiServer.Builder> customize) {
        ApiServer.Builder builder = ApiServer.builder()
                .store(new ElasticsearchStore(connection))
                .entryRenderer(ApiCodec::toEntry)
                .tenantPort(0)
                .adminPort(0)
                .adminToken(RunningApi.ADMIN_TOKEN)
                .version("live-test");
        return new LiveApi(customize.apply(builder).build().start());
    }

    /** GET on the tenant listener. */
    public HttpResponse<String> tenant(String path, String... headers) {
        return send("GET", server.tenantAddress(), path, null, headers);
    }

    /** GET on the admin listener (no credential unless given). */
    public HttpResponse<String> admin(String path, String... headers) {
        return send("GET", server.adminAddress(), path, null, headers);
    }

    /** Any method, optional body ({@code application/json} unless a Content-Type header is given). */
    public HttpResponse<String> send(String method, InetSocketAddress to, String path, String body,
                                     String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://" + to.getHostString() + ":" + to.getPort() + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (body != null && !typed) {
            request.header("Content-Type", "application/json");
        }
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

    /** A new connection to the test node, for stores and fixtures. */
    public static ElasticsearchConnection connect(URI es) {
        return ElasticsearchConnection.open(io.tapline.store.StoreConfig.of(es), new ObjectMapper());
    }

    @Override
    public void close() {
        server.close();
    }
}
