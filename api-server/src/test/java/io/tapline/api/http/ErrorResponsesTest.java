package io.tapline.api.http;

import io.tapline.api.RunningApi;
import io.tapline.api.TestEntries;
import io.tapline.store.StoreUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.tapline.api.RunningApi.errorBody;
import static io.tapline.api.RunningApi.json;
import static org.assertj.core.api.Assertions.assertThat;

class ErrorResponsesTest {

    private final RunningApi api = RunningApi.start();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void unknownPathIs404WithTheSeedErrorBodyOnBothListeners() {
        for (HttpResponse<String> response : List.of(api.tenant("/api/nope"), api.admin("/api/nope"))) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(json(response)).isEqualTo(errorBody(404, "Not Found", "No endpoint at /api/nope"));
        }
    }

    @Test
    void unknownPathIsQuotedInTheMessageOnlyUpToAHundredCharacters() {
        String longPath = "/" + "x".repeat(5000);

        HttpResponse<String> response = api.tenant(longPath);

        assertThat(response.statusCode()).isEqualTo(404);
        String message = (String) json(response).get("message");
        assertThat(message).hasSizeLessThan(130).endsWith("...");
    }

    @Test
    void wrongMethodOnAKnownPathIs405WithAnAllowHeader() {
        HttpResponse<String> response = api.send("POST", api.server.adminAddress(), "/api/proxy-logs/_logs",
                "X-API-Key", RunningApi.ADMIN_TOKEN);

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(response)).isEqualTo(errorBody(405, "Method Not Allowed",
                "Method POST is not allowed on /api/proxy-logs/_logs"));
    }

    @Test
    void storeUnavailableDuringASearchIs503WithoutTheStoresOwnMessage() {
        api.store.failWith(new StoreUnavailableException("no route to host 10.1.2.3", null));

        HttpResponse<String> response = api.admin("/api/proxy-logs/_logs");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response)).isEqualTo(errorBody(503, "Service Unavailable", "Elasticsearch is unreachable"));
    }

    @Test
    void unexpectedStoreFailureIs500WithAGenericMessageAndNoStackTrace() {
        api.store.failWith(new IllegalStateException("secret internal detail"));

        HttpResponse<String> response = api.admin("/api/proxy-logs/_logs");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo(
                "{\"statusCode\":500,\"error\":\"Internal Server Error\",\"message\":\"Internal error\"}");
        assertThat(response.body()).doesNotContain("secret", "Exception", "at io.");
    }

    @Test
    void rendererFailureIs500AndTheServerKeepsServing() {
        try (RunningApi broken = RunningApi.start((record, withRequestBody, withResponseBody) -> {
            throw new IllegalArgumentException("cannot render " + record.id());
        })) {
            broken.store.add(TestEntries.record(1, "p1"));

            HttpResponse<String> response = broken.admin("/api/proxy-logs/_logs");

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(json(response)).isEqualTo(errorBody(500, "Internal Server Error", "Internal error"));
            assertThat(broken.admin("/api/version").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void malformedPercentEncodingInTheQueryIsA400() throws Exception {
        String response = rawGet(api.server.adminAddress().getPort(),
                "/api/proxy-logs/_logs?limit=%zz", "X-API-Key: " + RunningApi.ADMIN_TOKEN);

        assertThat(response).startsWith("HTTP/1.1 400").contains("Content-Type: application/json")
                .endsWith("{\"statusCode\":400,\"error\":\"Bad Request\","
                        + "\"message\":\"query string is not valid percent-encoding\"}");
    }

    private static String rawGet(int port, String target, String header) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + header
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
