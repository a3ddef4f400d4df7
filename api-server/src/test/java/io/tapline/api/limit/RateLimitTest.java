package io.tapline.api.limit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapline.api.ApiServer;
import io.tapline.api.InMemorySearchStore;
import io.tapline.api.auth.Principal;
import io.tapline.api.stream.StreamSettings;
import io.tapline.schema.ApiCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Bucket4j limits over real HTTP: 429s with seed 001's four headers, and counters that reset when they say. */
class RateLimitTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "limit-admin-token-77aa";
    private static final String LOGS = "/api/proxy-logs/_logs";
    private static final String STREAM = "/api/proxy-logs/_logs/stream";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final ApiServer api = ApiServer.builder()
            .store(new InMemorySearchStore())
            .entryRenderer(ApiCodec::toEntry)
            .tenantPort(0)
            .adminPort(0)
            .adminToken(TOKEN)
            .tenantAuthenticator(exchange -> Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Test-Tenant"))
                    .map(who -> Principal.tenant(who, Set.of("p_" + who))))
            .rateLimits(RateLimitConfig.defaults()
                    .with(EndpointGroup.SEARCH, new RateLimit(5, Duration.ofSeconds(4)))
                    .with(EndpointGroup.STREAM, new RateLimit(3, Duration.ofSeconds(2)))
                    .withMaxStreams(2))
            .streamSettings(new StreamSettings(Duration.ofMillis(50), 16))
            .build()
            .start();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aSearchBurstOverTheLimitGets429WithAllFourHeadersAndTheCounterResetsWhenResetSays() throws Exception {
        List<HttpResponse<String>> burst = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            burst.add(get(api.tenantAddress(), LOGS, "X-Test-Tenant", "alice"));
        }
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> ok = burst.get(i);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("X-RateLimit-Limit")).hasValue("5");
            assertThat(ok.headers().firstValue("X-RateLimit-Remaining")).hasValue(Integer.toString(4 - i));
            assertThat(ok.headers().firstValue("X-RateLimit-Reset")).isPresent();
            assertThat(ok.headers().firstValue("Retry-After")).isEmpty();
        }
        HttpResponse<String> limited = burst.get(5);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("X-RateLimit-Limit")).hasValue("5");
        assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        long reset = Long.parseLong(limited.headers().firstValue("X-RateLimit-Reset").orElseThrow());
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        long nowSeconds = System.currentTimeMillis() / 1000;
        assertThat(reset).isBetween(nowSeconds, nowSeconds + 5);
        assertThat(retryAfter).isBetween(1L, 5L).isLessThanOrEqualTo(reset - nowSeconds + 1);
        JsonNode body = JSON.readTree(limited.body());
        assertThat(body.get("statusCode").asInt()).isEqualTo(429);
        assertThat(body.get("error").asText()).isEqualTo("Too Many Requests");
        assertThat(body.get("message").asText()).isEqualTo("Rate limit exceeded for log search");

        // another principal has buckets of its own
        assertThat(get(api.tenantAddress(), LOGS, "X-Test-Tenant", "bob").statusCode()).isEqualTo(200);

        sleepUntilEpochSecond(reset);
        HttpResponse<String> afterReset = get(api.tenantAddress(), LOGS, "X-Test-Tenant", "alice");
        assertThat(afterReset.statusCode()).isEqualTo(200);
        assertThat(afterReset.headers().firstValue("X-RateLimit-Remaining")).hasValue("4");
    }

    @Test
    void streamConnectsOverTheLimitGetSeed004sStreamMessage() throws Exception {
        List<HttpResponse<InputStream>> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                HttpResponse<InputStream> stream = stream(api.adminAddress(), "X-API-Key", TOKEN);
                open.add(stream);
                if (i < 2) {
                    assertThat(stream.statusCode()).isEqualTo(200);
                    assertThat(stream.headers().firstValue("X-RateLimit-Remaining")).hasValue(Integer.toString(2 - i));
                }
            }
            // the third connect is within the rate but over the cap of two open streams
            HttpResponse<InputStream> overCap = open.get(2);
            assertThat(overCap.statusCode()).isEqualTo(429);
            assertThat(overCap.headers().firstValue("Retry-After")).isPresent();
            assertThat(JSON.readTree(overCap.body().readAllBytes()).get("message").asText())
                    .startsWith("Too many concurrent log streams");

            HttpResponse<InputStream> overRate = stream(api.adminAddress(), "X-API-Key", TOKEN);
            open.add(overRate);
            assertThat(overRate.statusCode()).isEqualTo(429);
            for (String header : List.of("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset",
                    "Retry-After")) {
                assertThat(overRate.headers().firstValue(header)).as(header).isPresent();
            }
            assertThat(overRate.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
            assertThat(JSON.readTree(overRate.body().readAllBytes()))
                    .isEqualTo(JSON.readTree("{\"statusCode\":429,\"error\":\"Too Many Requests\","
                            + "\"message\":\"Rate limit exceeded for log stream\"}"));
        } finally {
            for (HttpResponse<InputStream> r : open) {
                r.body().close();
            }
        }
    }

    @Test
    void closingAStreamGivesItsSlotBack() throws Exception {
        HttpResponse<InputStream> first = stream(api.tenantAddress(), "X-Test-Tenant", "carol");
        HttpResponse<InputStream> second = stream(api.tenantAddress(), "X-Test-Tenant", "carol");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        first.body().close(); // the server notices at its next write (heartbeats every 50 ms here)
        sleepUntilEpochSecond(System.currentTimeMillis() / 1000 + 3); // out of the connect-rate window
        HttpResponse<InputStream> third = stream(api.tenantAddress(), "X-Test-Tenant", "carol");
        try {
            assertThat(third.statusCode()).isEqualTo(200);
        } finally {
            second.body().close();
            third.body().close();
        }
    }

    private static HttpResponse<String> get(InetSocketAddress to, String path, String... headers) throws Exception {
        return HTTP.send(request(to, path, headers), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<InputStream> stream(InetSocketAddress to, String... headers) throws Exception {
        return HTTP.send(request(to, STREAM, headers), HttpResponse.BodyHandlers.ofInputStream());
    }

    private static HttpRequest request(InetSocketAddress to, String path, String... headers) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + to.getPort() + path)).headers(headers)
                .timeout(Duration.ofSeconds(10)).GET().build();
    }

    private static void sleepUntilEpochSecond(long epochSecond) throws InterruptedException {
        long waitMs = epochSecond * 1000 - System.currentTimeMillis();
        if (waitMs > 0) {
            Thread.sleep(waitMs);
        }
    }
}
