package co.elastic.logstash.api;

/** The root of Logstash's metrics (trimmed to what a namespace needs). */
public interface Metric {
    NamespacedMetric namespace(String... key);
}
