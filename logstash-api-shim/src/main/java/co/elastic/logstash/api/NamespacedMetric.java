package co.elastic.logstash.api;

/** A metrics namespace scoped to a plugin (trimmed: gauges and counters only). */
public interface NamespacedMetric extends Metric {
    void gauge(String metric, Object value);

    CounterMetric counter(String metric);

    void increment(String metric);

    void increment(String metric, int delta);

    String[] namespaceName();

    Metric root();
}
