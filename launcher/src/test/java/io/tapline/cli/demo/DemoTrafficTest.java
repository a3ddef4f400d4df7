package io.tapline.cli.demo;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The traffic generator against a real {@link DemoUpstream}, with no proxy in between. */
class DemoTrafficTest {

    @Test
    void sendsAboutTheRequestedRateAndNothingArrivesAfterClose() throws Exception {
        try (DemoUpstream upstream = DemoUpstream.start()) {
            DemoTraffic traffic = DemoTraffic.start(upstream.uri(), 50);
            Thread.sleep(2000);
            traffic.close();

            long sent = traffic.sent();
            assertThat(sent).as("50 req/s for 2 s").isBetween(60L, 140L);
            assertThat(traffic.failed()).isZero();
            assertThat(traffic.skipped()).isZero();
            assertThat(upstream.requests()).as("close waits for the requests in flight").isCloseTo(sent, within(2L));

            long arrived = upstream.requests();
            Thread.sleep(500);
            assertThat(upstream.requests()).isEqualTo(arrived);
            assertThat(traffic.sent()).isEqualTo(sent);
        }
    }

    @Test
    void anUnreachableProxyCountsFailuresAndTheScheduleKeepsGoing() throws Exception {
        int dead;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = socket.getLocalPort();
        }
        try (DemoTraffic traffic = DemoTraffic.start(URI.create("http://127.0.0.1:" + dead), 100)) {
            Thread.sleep(700);
            long early = traffic.sent();
            Thread.sleep(500);
            assertThat(traffic.sent()).isGreaterThan(early).isGreaterThan(40);
            assertThat(traffic.failed()).isPositive().isLessThanOrEqualTo(traffic.sent());
        }
    }

    @Test
    void closeIsIdempotent() {
        try (DemoUpstream upstream = DemoUpstream.start()) {
            DemoTraffic traffic = DemoTraffic.start(upstream.uri());
            traffic.close();
            traffic.close();
            assertThat(traffic.sent()).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void rejectsRatesOutsideTheRangeAndBaseUrlsThatAreNotHttp() {
        URI base = URI.create("http://127.0.0.1:8080");
        for (double rate : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY, 5000}) {
            assertThatThrownBy(() -> DemoTraffic.start(base, rate)).as("rate %s", rate)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requests per second");
        }
        assertThatThrownBy(() -> DemoTraffic.start(URI.create("ftp://127.0.0.1:21")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://host:port");
    }
}
