package io.tapline.api;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiServerLifecycleTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static ApiServer.Builder valid() {
        return ApiServer.builder()
                .store(new InMemorySearchStore())
                .entryRenderer(TestEntries.RENDERER)
                .adminToken(RunningApi.ADMIN_TOKEN)
                .tenantPort(0)
                .adminPort(0);
    }

    @Test
    void portZeroBindsBothListenersOnDistinctFreeLoopbackPortsAndReportsThem() {
        try (ApiServer server = valid().build().start()) {
            InetSocketAddress tenant = server.tenantAddress();
            InetSocketAddress admin = server.adminAddress();

            assertThat(tenant.getPort()).isPositive();
            assertThat(admin.getPort()).isPositive().isNotEqualTo(tenant.getPort());
            assertThat(tenant.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(admin.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void occupiedAdminPortFailsWithOneLineNamingListenerPortAndHost() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, LOOPBACK)) {
            int port = taken.getLocalPort();
            ApiServer server = valid().adminPort(port).build();

            assertThatThrownBy(server::start)
                    .isInstanceOf(ApiStartException.class)
                    .hasMessage("API admin port " + port + " on 127.0.0.1 is already in use");
        }
    }

    @Test
    void occupiedTenantPortFailsWithOneLineNamingTheTenantListener() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, LOOPBACK)) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> valid().tenantPort(port).build().start())
                    .isInstanceOf(ApiStartException.class)
                    .hasMessage("API tenant port " + port + " on 127.0.0.1 is already in use")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void aFailedStartLeavesTheOtherListenerUnbound() throws IOException {
        int tenantPort = freePort();
        try (ServerSocket taken = new ServerSocket(0, 50, LOOPBACK)) {
            ApiServer server = valid().tenantPort(tenantPort).adminPort(taken.getLocalPort()).build();

            assertThatThrownBy(server::start).isInstanceOf(ApiStartException.class);
        }
        try (ServerSocket rebound = new ServerSocket(tenantPort, 50, LOOPBACK)) {
            assertThat(rebound.getLocalPort()).isEqualTo(tenantPort);
        }
    }

    @Test
    void closeReleasesBothPortsEvenWithAKeepAliveConnectionOpenAndMayBeCalledTwice() throws Exception {
        ApiServer server = valid().build().start();
        int tenantPort = server.tenantAddress().getPort();
        int adminPort = server.adminAddress().getPort();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + tenantPort + "/api/version")).build(), BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);

        long before = System.nanoTime();
        server.close();
        server.close();

        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(3));

        try (ServerSocket a = new ServerSocket(tenantPort, 50, LOOPBACK);
             ServerSocket b = new ServerSocket(adminPort, 50, LOOPBACK)) {
            assertThat(a.isBound()).isTrue();
            assertThat(b.isBound()).isTrue();
        }
    }

    @Test
    void aServerStartsOnlyOnce() {
        try (ApiServer server = valid().build().start()) {
            assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void addressesAreUnavailableBeforeStart() {
        ApiServer server = valid().build();

        assertThatThrownBy(server::tenantAddress).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(server::adminAddress).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void buildNamesTheMissingOrInvalidSetting() {
        assertBuildFails(valid().store(null), "store is required");
        assertBuildFails(valid().entryRenderer(null), "entryRenderer is required");
        assertBuildFails(valid().adminToken(null), "adminToken is required");
        assertBuildFails(valid().adminToken("  "), "adminToken is required");
        assertBuildFails(valid().host(""), "host must not be blank");
        assertBuildFails(valid().tenantPort(-1), "tenantPort must be between 0 and 65535");
        assertBuildFails(valid().adminPort(65536), "adminPort must be between 0 and 65535");
        assertBuildFails(valid().tenantPort(4000).adminPort(4000), "tenantPort and adminPort must differ");
        assertBuildFails(valid().version(""), "version must not be blank");
    }

    private static void assertBuildFails(ApiServer.Builder builder, String message) {
        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 50, LOOPBACK)) {
            return s.getLocalPort();
        }
    }
}
