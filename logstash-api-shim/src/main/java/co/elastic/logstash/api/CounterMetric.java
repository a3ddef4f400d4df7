package co.elastic.logstash.api;

/** A counter in a plugin's metrics namespace. */
public interface CounterMetric {
    void increment();

    void increment(long delta);

    long getValue();

    void reset();
}
