package io.tapline.api.status;

import io.tapline.api.RunningApi;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsEndpointTest {

    @Test
    void prometheusTextIsServedOnTheAdminListenerOnly() {
        try (RunningApi api = RunningApi.start()) {
            HttpResponse<String> admin = api.send("GET", api.server.adminAddress(), "/metrics");
            assertThat(admin.statusCode()).isEqualTo(200);
            assertThat(admin.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4");
            HttpResponse<String> tenant = api.send("GET", api.server.tenantAddress(), "/metrics");
            assertThat(tenant.statusCode()).isEqualTo(404);
            assertThat(tenant.body()).contains("\"statusCode\":404");
        }
    }
}
