package io.tapline.proxy.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProxyMetricsTest {
    @Test
    void latencyHistogramCountIsTheSumOfItsBucketsAndTheSumIsInSeconds() {
        ProxyMetrics m = new ProxyMetrics();
        m.observeUpstreamLatency(500_000);         // 0.5 ms: first bucket
        m.observeUpstreamLatency(3_000_000);       // 3 ms: le 0.005
        m.observeUpstreamLatency(60_000_000_000L); // 60 s: only +Inf
        StringBuilder out = new StringBuilder();
        m.render(out);
        String text = out.toString();
        assertThat(text).contains("tapline_proxy_upstream_latency_seconds_bucket{le=\"0.001\"} 1\n")
                .contains("tapline_proxy_upstream_latency_seconds_bucket{le=\"0.0025\"} 1\n")
                .contains("tapline_proxy_upstream_latency_seconds_bucket{le=\"0.005\"} 2\n")
                .contains("tapline_proxy_upstream_latency_seconds_bucket{le=\"30.0\"} 2\n")
                .contains("tapline_proxy_upstream_latency_seconds_bucket{le=\"+Inf\"} 3\n")
                .contains("tapline_proxy_upstream_latency_seconds_count 3\n")
                .contains("tapline_proxy_upstream_latency_seconds_sum 60.0035\n");
    }
}
