package io.tapline.api.status;

import io.tapline.api.RunningApi;
import io.tapline.store.StoreUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static io.tapline.api.RunningApi.errorBody;
import static io.tapline.api.RunningApi.json;
import static org.assertj.core.api.Assertions.assertThat;

class StatusAndVersionTest {

    private final RunningApi api = RunningApi.start();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void statusIsOkWithElasticsearchUpOnBothListenersWithoutCredentials() {
        for (HttpResponse<String> response : List.of(
                api.tenant("/api/status"), api.send("GET", api.server.adminAddress(), "/api/status"))) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(response.body()).isEqualTo("{\"status\":\"ok\",\"elasticsearch\":\"up\"}");
        }
        assertThat(api.store.lastCallingThread()).as("availability is checked off the I/O threads")
                .startsWith("tapline-api task-");
    }

    @Test
    void statusIs503WithTheSeedErrorBodyWhenElasticsearchDoesNotAnswer() {
        api.store.available(false);

        HttpResponse<String> response = api.tenant("/api/status");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo(
                "{\"statusCode\":503,\"error\":\"Service Unavailable\",\"message\":\"Elasticsearch is unreachable\"}");
    }

    @Test
    void statusIs503WhenTheAvailabilityCheckItselfReportsTheStoreUnavailable() {
        api.store.failWith(new StoreUnavailableException("connect timed out to 10.0.0.7:9200", null));

        HttpResponse<String> response = api.admin("/api/status");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response)).isEqualTo(errorBody(503, "Service Unavailable", "Elasticsearch is unreachable"));
        assertThat(response.body()).doesNotContain("10.0.0.7");
    }

    @Test
    void versionReportsNameConfiguredVersionAndApiLevelInThatOrder() {
        HttpResponse<String> response = api.tenant("/api/version");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(
                "{\"name\":\"tapline\",\"version\":\"" + RunningApi.VERSION + "\",\"api\":\"v1\"}");
        assertThat(api.send("GET", api.server.adminAddress(), "/api/version").body()).isEqualTo(response.body());
    }
}
