package io.tapline.proxy.server;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The proxy's own counters, rendered in the Prometheus text format: requests, responses by status class,
 * events by kind, open connections and an upstream latency histogram.
 */
public final class ProxyMetrics {
    /** Upper bounds of the latency histogram, in seconds. */
    static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    final LongAdder requests = new LongAdder();
    final LongAdder[] responsesByClass = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(),
            new LongAdder()};
    final LongAdder recordsEmitted = new LongAdder();
    final LongAdder errors = new LongAdder();
    final AtomicLong openConnections = new AtomicLong();
    final AtomicLong openUpstreamConnections = new AtomicLong();
    // Adders, not atomics: every event loop updates these per request, and a shared atomic bounces between cores.
    private final LongAdder[] latencyBuckets = adders(BUCKETS.length + 1);
    private final LongAdder latencyMicros = new LongAdder();

    private static LongAdder[] adders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }

    void observeUpstreamLatency(long nanos) {
        double seconds = nanos / 1e9;
        int i = 0;
        while (i < BUCKETS.length && seconds > BUCKETS[i]) {
            i++;
        }
        latencyBuckets[i].increment(); // the count is the buckets' sum: one adder less per request
        latencyMicros.add(nanos / 1000);
    }

    void response(int status) {
        int cls = status / 100 - 1;
        if (cls >= 0 && cls < responsesByClass.length) {
            responsesByClass[cls].increment();
        }
    }

    public long requests() {
        return requests.sum();
    }

    public long openConnections() {
        return openConnections.get();
    }

    /** Appends the metrics in Prometheus text exposition format. */
    public void render(StringBuilder out) {
        counter(out, "tapline_proxy_requests_total", "Requests received by the proxy.", requests.sum());
        out.append("# HELP tapline_proxy_responses_total Responses sent to clients, by status class.\n")
                .append("# TYPE tapline_proxy_responses_total counter\n");
        for (int i = 0; i < responsesByClass.length; i++) {
            out.append("tapline_proxy_responses_total{class=\"").append(i + 1).append("xx\"} ")
                    .append(responsesByClass[i].sum()).append('\n');
        }
        counter(out, "tapline_proxy_records_emitted_total", "Records handed to the sink.", recordsEmitted.sum());
        counter(out, "tapline_proxy_errors_total", "Exchanges that ended in an error event.", errors.sum());
        gauge(out, "tapline_proxy_open_connections", "Open client connections.", openConnections.get());
        gauge(out, "tapline_proxy_open_upstream_connections", "Open upstream connections (in use or pooled).",
                openUpstreamConnections.get());
        out.append("# HELP tapline_proxy_upstream_latency_seconds Time from request sent to response head.\n")
                .append("# TYPE tapline_proxy_upstream_latency_seconds histogram\n");
        long cumulative = 0;
        for (int i = 0; i < BUCKETS.length; i++) {
            cumulative += latencyBuckets[i].sum();
            out.append("tapline_proxy_upstream_latency_seconds_bucket{le=\"").append(BUCKETS[i]).append("\"} ")
                    .append(cumulative).append('\n');
        }
        cumulative += latencyBuckets[BUCKETS.length].sum();
        out.append("tapline_proxy_upstream_latency_seconds_bucket{le=\"+Inf\"} ").append(cumulative).append('\n');
        out.append("tapline_proxy_upstream_latency_seconds_sum ").append(latencyMicros.sum() / 1e6).append('\n');
        out.append("tapline_proxy_upstream_latency_seconds_count ").append(cumulative).append('\n');
    }

    /** Appends one counter in Prometheus text format. */
    public static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n").append(name).append(' ').append(value).append('\n');
    }

    /** Appends one gauge in Prometheus text format. */
    public static void gauge(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n").append(name).append(' ').append(value).append('\n');
    }
}
