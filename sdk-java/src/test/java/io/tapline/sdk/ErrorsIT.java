package io.tapline.sdk;

import io.tapline.api.limit.EndpointGroup;
import io.tapline.api.limit.RateLimit;
import io.tapline.api.stream.StreamSettings;
import io.tapline.embedded.EmbeddedElasticsearchExtension;
import io.tapline.sdk.logs.LogsParams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every refusal of the real API server reaches the caller as its typed exception, with the error body. */
@ExtendWith(EmbeddedElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorsIT {

    private LiveServer server;
    private URI es;

    @BeforeAll
    void start(URI es) {
        this.es = es;
        server = LiveServer.start(es);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void aBadParameterIsABadRequestExceptionCarryingTheErrorBody() {
        LogsParams bad = LogsParams.builder().param("limit", "lots").build();
        assertThatThrownBy(() -> server.admin().proxyLogs().logs().list(bad))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.error()).isEqualTo("Bad Request");
                    assertThat(e.apiMessage()).startsWith("limit must be");
                    assertThat(e.body()).startsWith("{\"statusCode\":400,\"error\":\"Bad Request\",\"message\":");
                    assertThat(e.getMessage()).startsWith("400 Bad Request: limit must be");
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void aWrongOrMissingCredentialIsAnUnauthorizedException() {
        TaplineClient wrongKey = TaplineClient.builder().baseUrl(server.adminUrl()).apiKey("tpl_0000000000000000_nope")
                .build();
        assertThatThrownBy(() -> wrongKey.proxyLogs().logs().list())
                .isInstanceOfSatisfying(UnauthorizedException.class, e -> assertThat(e.statusCode()).isEqualTo(401));
        TaplineClient none = TaplineClient.builder().baseUrl(server.tenantUrl()).build();
        assertThatThrownBy(() -> none.proxyLogs().logs().list()).isInstanceOf(UnauthorizedException.class);
        TaplineClient badJwt = TaplineClient.builder().baseUrl(server.tenantUrl()).bearerToken("e30.e30.c2ln").build();
        assertThatThrownBy(() -> badJwt.proxyLogs().logs().list()).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void anotherTenantsProjectOrTheWrongListenerIsAForbiddenException() {
        TaplineClient alice = server.tenant("alice", "proj_alice");
        assertThatThrownBy(() -> alice.proxyLogs().logs().list(LogsParams.builder().projectId("proj_bob").build()))
                .isInstanceOfSatisfying(ForbiddenException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.apiMessage()).isEqualTo("Caller is not permitted to read logs for this scope");
                    assertThat(e.body()).doesNotContain("proj_bob");
                });
        TaplineClient adminAtTenantDoor = TaplineClient.builder().baseUrl(server.tenantUrl())
                .apiKey(LiveServer.ADMIN_TOKEN).build();
        assertThatThrownBy(() -> adminAtTenantDoor.proxyLogs().logs().list())
                .isInstanceOfSatisfying(ForbiddenException.class,
                        e -> assertThat(e.apiMessage()).contains("admin listener"));
    }

    @Test
    void anUnknownPathIsANotFoundException() {
        TaplineClient prefixed = TaplineClient.builder().baseUrl(server.adminUrl() + "/no-such-prefix/")
                .apiKey(LiveServer.ADMIN_TOKEN).build();
        assertThatThrownBy(() -> prefixed.proxyLogs().logs().list())
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void anExhaustedRateLimitIsARateLimitedExceptionWithRetryAfter() {
        try (LiveServer limited = LiveServer.start(es, LiveServer.generousLimits()
                .with(EndpointGroup.SEARCH, RateLimit.perMinute(1)), StreamSettings.defaults())) {
            TaplineClient client = limited.admin();
            client.proxyLogs().logs().list(LogsParams.builder().limit(1).build());
            assertThatThrownBy(() -> client.proxyLogs().logs().list(LogsParams.builder().limit(1).build()))
                    .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(429);
                        assertThat(e.error()).isEqualTo("Too Many Requests");
                        assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive()
                                .isLessThanOrEqualTo(Duration.ofMinutes(1)));
                        assertThat(e.retryable()).isTrue();
                    });
        }
    }

    @Test
    void aClientAllowedToRetryWaitsOutRetryAfterAndSucceeds() {
        try (LiveServer limited = LiveServer.start(es, LiveServer.generousLimits()
                .with(EndpointGroup.SEARCH, new RateLimit(1, Duration.ofSeconds(1))), StreamSettings.defaults())) {
            TaplineClient patient = TaplineClient.builder().baseUrl(limited.adminUrl()).apiKey(LiveServer.ADMIN_TOKEN)
                    .rateLimitRetries(3).build();
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                assertThat(patient.proxyLogs().logs().list(LogsParams.builder().limit(1).build()).limit()).isEqualTo(1);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1_500));
        }
    }

    @Test
    void anUnreachableServerIsAConnectionExceptionNamingIt() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        TaplineClient client = TaplineClient.builder().baseUrl("http://127.0.0.1:" + dead).apiKey("k").build();
        assertThatThrownBy(() -> client.proxyLogs().logs().list())
                .isInstanceOf(TaplineConnectionException.class)
                .hasMessageContaining("cannot reach http://127.0.0.1:" + dead);
    }

    @Test
    void theBuilderRefusesAConfigurationThatCannotWork() {
        assertThatThrownBy(() -> TaplineClient.builder().build()).hasMessage("baseUrl is required");
        assertThatThrownBy(() -> TaplineClient.builder().baseUrl("ftp://x").build())
                .hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> TaplineClient.builder().baseUrl("http://x").apiKey("a").bearerToken("b").build())
                .hasMessage("give a bearer token or an API key, not both");
        assertThatThrownBy(() -> TaplineClient.builder().baseUrl("http://x").requestTimeout(Duration.ZERO).build())
                .hasMessage("requestTimeout must be positive");
    }
}
